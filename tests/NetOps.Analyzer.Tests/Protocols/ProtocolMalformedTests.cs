using NetOps.Analyzer.Protocols.Dhcp;
using NetOps.Analyzer.Protocols.Dhcpv6;
using NetOps.Analyzer.Protocols.Radius;

using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>Malformed DHCP, DHCPv6 and RADIUS is refused with a reason, never thrown out.</summary>
public class ProtocolMalformedTests
{
    [Fact]
    public void Dhcp_refusals_name_their_reason()
    {
        var message = PayloadFrame.Of("zeek/dhcp_dhcp.pcap").Where(f => f.HasPort(67)).ElementAt(1).Payload;
        Assert.True(DhcpReader.TryRead(message, out _, out _));
        Assert.False(DhcpReader.TryRead(message.AsSpan(0, 239), out _, out var error));
        Assert.Equal(DhcpMalformed.TooShort, error);

        var noCookie = (byte[])message.Clone();
        noCookie[236] = 0;
        Assert.False(DhcpReader.TryRead(noCookie, out _, out error));
        Assert.Equal(DhcpMalformed.NoMagicCookie, error);

        // Option 53 first, with a length reaching past the datagram.
        var overrun = (byte[])message.Clone();
        Assert.Equal(53, overrun[240]);
        overrun[241] = 255;
        Assert.False(DhcpReader.TryRead(overrun, out _, out error));
        Assert.Equal(DhcpMalformed.OptionOverrun, error);

        byte[] wrongSize = [.. message[..240], 53, 2, 5, 5, 255];
        Assert.False(DhcpReader.TryRead(wrongSize, out _, out error));
        Assert.Equal(DhcpMalformed.BadOptionLength, error);
    }

    [Fact]
    public void Dhcpv6_refusals_name_their_reason()
    {
        Assert.False(Dhcpv6Reader.TryRead([1, 0, 0], out _, out var error));
        Assert.Equal(Dhcpv6Malformed.TooShort, error);
        Assert.False(Dhcpv6Reader.TryRead([1, 0, 0, 1, 0, 1, 0, 9, 0], out _, out error));
        Assert.Equal(Dhcpv6Malformed.OptionOverrun, error);
        // IA_NA of 8 bytes (its fixed part is 12).
        Assert.False(Dhcpv6Reader.TryRead([7, 0, 0, 1, 0, 3, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0], out _, out error));
        Assert.Equal(Dhcpv6Malformed.BadOptionLength, error);

        // Relay-forward nested nine times around a Solicit.
        byte[] inner = [1, 0, 0, 1];
        for (var i = 0; i < Dhcpv6Reader.MaxRelayDepth + 1; i++)
            inner = [12, 0, .. new byte[32], 0, 9, (byte)(inner.Length >> 8), (byte)inner.Length, .. inner];
        Assert.False(Dhcpv6Reader.TryRead(inner, out _, out error));
        Assert.Equal(Dhcpv6Malformed.BadRelay, error);
        Assert.True(Dhcpv6Reader.TryRead(inner[38..], out var unwrapped, out _));
        Assert.Equal(Dhcpv6Reader.MaxRelayDepth, unwrapped.RelayDepth);
        Assert.Equal(Dhcpv6MessageType.Solicit, unwrapped.MessageType);
    }

    [Fact]
    public void Radius_refusals_name_their_reason()
    {
        var request = PayloadFrame.Of("arkime/radius.pcap")[0].Payload;
        Assert.True(RadiusReader.TryRead(request, out _, out _));
        Assert.False(RadiusReader.TryRead(request.AsSpan(0, 19), out _, out var error));
        Assert.Equal(RadiusMalformed.TooShort, error);
        Assert.False(RadiusReader.TryRead(request.AsSpan(0, (request[2] << 8 | request[3]) - 1), out _, out error));
        Assert.Equal(RadiusMalformed.BadLength, error);

        var overrun = (byte[])request.Clone();
        overrun[21] = 1;
        Assert.False(RadiusReader.TryRead(overrun, out _, out error));
        Assert.Equal(RadiusMalformed.AttributeOverrun, error);

        byte[] shortAddress = [4, 1, 0, 25, .. new byte[16], 8, 5, 10, 0, 0];
        Assert.False(RadiusReader.TryRead(shortAddress, out _, out error));
        Assert.Equal(RadiusMalformed.BadAttributeLength, error);
    }

    public static TheoryData<string, ushort> Samples() => new()
    {
        { "ndpi/dhcp-fuzz.pcapng", 67 }, { "ndpi/fuzz-2006-06-26-2594.pcap", 67 }, { "zeek/dhcp_dhcp_ack_subscriber_id_and_agent_remote_id.pcap", 67 },
        { "arkime/wireshark-dhcpv6.pcap", 546 }, { "tcpdump/dhcpv6-ia-na.pcap", 546 },
        { "arkime/radius.pcap", 1813 }, { "zeek/radius_radius.pcap", 1812 }, { "tcpdump/RADIUS-RFC5176.pcap", 3799 },
    };

    /// <summary>Every truncation and thousands of random byte flips of real messages: a result, never an exception.</summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void Truncated_and_flipped_messages_never_throw(string file, ushort port)
    {
        var random = new Random(port);
        var messages = PayloadFrame.Of(file).Where(f => f.Protocol == IpProtocols.Udp && (f.HasPort(port) || f.HasPort((ushort)(port + 1)))).Select(f => f.Payload).ToList();
        Assert.NotEmpty(messages);
        var refused = 0;
        foreach (var message in messages)
        {
            for (var length = 0; length <= message.Length; length++)
                refused += ReadAll(message.AsSpan(0, length)) ? 0 : 1;
            for (var round = 0; round < 2000; round++)
            {
                var flipped = (byte[])message.Clone();
                for (var flips = random.Next(1, 4); flips > 0 && flipped.Length > 0; flips--)
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                refused += ReadAll(flipped) ? 0 : 1;
            }
        }
        Assert.True(refused > 0);
    }

    /// <summary>Reads the bytes as each protocol and walks everything a consumer would; true when all three read them.</summary>
    private static bool ReadAll(ReadOnlySpan<byte> bytes)
    {
        var dhcp = DhcpReader.TryRead(bytes, out var v4, out _);
        if (dhcp)
        {
            _ = RelayAgentInformation.TryRead(v4.RelayAgent, out _);
            _ = DhcpFqdn.TryGetName(v4.ClientFqdn, out _);
        }
        var dhcpv6 = Dhcpv6Reader.TryRead(bytes, out var v6, out _);
        if (dhcpv6)
        {
            foreach (var lease in v6.ReadLeases())
                _ = lease.Address;
            _ = v6.TryGetFqdnName(out _);
            _ = Duid.TryGetMac(v6.ClientDuid, out _);
        }
        var radius = RadiusReader.TryRead(bytes, out var r, out _);
        if (radius)
            _ = MacText.TryParse(r.CallingStationId, out _);
        return dhcp && dhcpv6 && radius;
    }
}
