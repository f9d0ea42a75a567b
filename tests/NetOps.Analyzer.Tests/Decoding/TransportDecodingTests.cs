using static NetOps.Analyzer.Tests.Decoding.Build;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>TCP, UDP, ICMP and ICMPv6 with neighbour discovery: the transport fields and the payload span.</summary>
public sealed class TransportDecodingTests
{
    private static DecodedPacket Raw(byte[] ip) => new SampleFrame("raw", LinkType.Raw, ip).Decode();

    [Fact]
    public void Tcp_fields_and_payload()
    {
        var frame = Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Tcp,
            Tcp(40000, 443, TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Ns, "GET /"u8.ToArray(), options: [1, 1, 1, 0], sequence: 0xdeadbeef, acknowledgement: 42));
        var p = Raw(frame);
        var t = p.Transport;
        Assert.Equal(IpProtocols.Tcp, t.Protocol);
        Assert.True(t.HasPorts);
        Assert.Equal(40000, t.SourcePort);
        Assert.Equal(443, t.DestinationPort);
        Assert.Equal(TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Ns, t.TcpFlags);
        Assert.Equal(0xdeadbeefu, t.SequenceNumber);
        Assert.Equal(42u, t.AcknowledgementNumber);
        Assert.Equal(65535, t.Window);
        Assert.Equal(20, t.Offset);
        Assert.Equal(24, t.HeaderLength);
        Assert.Equal(44, p.PayloadOffset);
        Assert.Equal("GET /", System.Text.Encoding.ASCII.GetString(frame, p.PayloadOffset, p.PayloadLength));
    }

    [Fact]
    public void Udp_payload_is_bounded_by_the_udp_length()
    {
        // The IP datagram holds 4 bytes more than the UDP length says (trailing bytes, not payload).
        var frame = Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Udp, Concat(Udp(5353, 5353, Bytes(10)), Bytes(4)));
        var p = Raw(frame);
        Assert.Equal(18, p.Transport.UdpLength);
        Assert.Equal(28, p.PayloadOffset);
        Assert.Equal(10, p.PayloadLength);
        Assert.False(p.IsMalformed);
    }

    [Fact]
    public void Icmp_echo_and_error()
    {
        var echo = SampleFrames.Ipv4Options.Decode().Transport;
        Assert.Equal(IpProtocols.Icmp, echo.Protocol);
        Assert.False(echo.HasPorts);
        Assert.Equal(8, echo.IcmpType);

        // Destination unreachable: no identifier, the quoted packet is payload (not a second IP layer).
        var frame = Ipv4("10.0.0.254", "10.0.0.1", IpProtocols.Icmp,
            Icmp(3, 3, 0, 0, Ipv4("10.0.0.1", "10.0.0.9", IpProtocols.Udp, Udp(40000, 33434, []))));
        var p = Raw(frame);
        Assert.Equal(1, p.IpLayerCount);
        Assert.Equal(3, p.Transport.IcmpType);
        Assert.Equal(3, p.Transport.IcmpCode);
        Assert.Equal(0, p.Transport.IcmpIdentifier);
        Assert.Equal(28, p.PayloadOffset);
        Assert.Equal(28, p.PayloadLength);
    }

    [Fact]
    public void Icmpv6_echo()
    {
        var t = SampleFrames.Icmpv6Echo.Decode().Transport;
        Assert.Equal(IpProtocols.Icmpv6, t.Protocol);
        Assert.Equal(128, t.IcmpType);
        Assert.Equal(0x4321, t.IcmpIdentifier);
        Assert.False(t.HasNdTarget);
    }

    [Fact]
    public void Neighbor_solicitation_gives_target_and_source_link_layer_address()
    {
        var t = SampleFrames.NeighborSolicitation.Decode().Transport;
        Assert.Equal(135, t.IcmpType);
        Assert.True(t.HasNdTarget);
        Assert.Equal(IpAddress.Parse("fe80::b"), t.NdTarget);
        Assert.True(t.HasNdLinkLayerAddress);
        Assert.Equal(MacAddress.Read(MacA), t.NdLinkLayerAddress);
    }

    [Fact]
    public void Neighbor_advertisement_gives_target_and_target_link_layer_address()
    {
        var t = SampleFrames.NeighborAdvertisement.Decode().Transport;
        Assert.Equal(136, t.IcmpType);
        Assert.Equal(IpAddress.Parse("fe80::b"), t.NdTarget);
        Assert.Equal(MacAddress.Read(MacB), t.NdLinkLayerAddress);
    }

    [Fact]
    public void Router_advertisement_options_are_walked()
    {
        var p = SampleFrames.RouterAdvertisement.Decode();
        Assert.Equal(134, p.Transport.IcmpType);
        Assert.False(p.Transport.HasNdTarget);
        Assert.Equal(MacAddress.Read(MacB), p.Transport.NdLinkLayerAddress);
        Assert.Equal(16, p.Transport.HeaderLength);
        Assert.False(p.IsMalformed);
    }

    [Fact]
    public void Neighbor_solicitation_without_options_has_no_link_layer_address()
    {
        var p = Raw(Ipv6("::", "ff02::1:ff00:b", IpProtocols.Icmpv6, Build.NeighborSolicitation("fe80::b"), hopLimit: 255));
        Assert.True(p.Transport.HasNdTarget);
        Assert.False(p.Transport.HasNdLinkLayerAddress);
        Assert.False(p.IsMalformed);
    }

    [Fact]
    public void Unknown_ip_protocol_leaves_the_ip_payload()
    {
        var p = Raw(Ipv4("10.0.0.1", "224.0.0.18", 112, Bytes(20))); // VRRP
        Assert.Equal(0, p.Transport.Protocol);
        Assert.Equal(112, p.InnerIp.Protocol);
        Assert.Equal(20, p.PayloadOffset);
        Assert.Equal(20, p.PayloadLength);
        Assert.False(p.IsMalformed);
    }
}
