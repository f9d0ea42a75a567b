using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Flows;

/// <summary>
/// What makes two packets one bidirectional flow: IP version and protocol of the innermost IP
/// layer (a tunnelled packet belongs to its inner flow), both addresses and both ports (the ICMP or
/// ICMPv6 echo identifier as both ports; 0 when the packet has neither). The endpoints are stored in
/// a canonical order (A ≤ B by address, then port) so both directions give the same key.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    public IpAddress AddressA { get; }

    public IpAddress AddressB { get; }

    public ushort PortA { get; }

    public ushort PortB { get; }

    /// <summary>The innermost IP layer's protocol (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 50 ESP…).</summary>
    public byte Protocol { get; }

    public byte IpVersion { get; }

    private FlowKey(IpAddress a, ushort portA, IpAddress b, ushort portB, byte protocol, byte ipVersion)
    {
        AddressA = a;
        PortA = portA;
        AddressB = b;
        PortB = portB;
        Protocol = protocol;
        IpVersion = ipVersion;
    }

    /// <summary>The key of a packet sent from (source, sourcePort) to (destination, destinationPort); <paramref name="fromA"/> says which canonical side sent it.</summary>
    public static FlowKey Of(byte ipVersion, byte protocol, IpAddress source, ushort sourcePort, IpAddress destination, ushort destinationPort, out bool fromA)
    {
        fromA = source < destination || (source == destination && sourcePort <= destinationPort);
        return fromA
            ? new FlowKey(source, sourcePort, destination, destinationPort, protocol, ipVersion)
            : new FlowKey(destination, destinationPort, source, sourcePort, protocol, ipVersion);
    }

    /// <summary>The key of a decoded IP packet (see the type's summary for what is used); false for a non-IP packet.</summary>
    public static bool TryOf(in DecodedPacket packet, out FlowKey key, out bool fromA)
    {
        if (!packet.IsIp)
        {
            key = default;
            fromA = true;
            return false;
        }
        ref readonly var ip = ref packet.InnerIp;
        ushort sourcePort = 0, destinationPort = 0;
        ref readonly var transport = ref packet.Transport;
        if (transport.HasPorts)
        {
            sourcePort = transport.SourcePort;
            destinationPort = transport.DestinationPort;
        }
        else if (IsEcho(transport))
        {
            sourcePort = destinationPort = transport.IcmpIdentifier;
        }
        key = Of(ip.Version, ip.Protocol, ip.Source, sourcePort, ip.Destination, destinationPort, out fromA);
        return true;
    }

    /// <summary>ICMP echo request/reply (8/0) or ICMPv6 echo request/reply (128/129).</summary>
    public static bool IsEcho(in TransportLayer transport) => transport.Protocol switch
    {
        IpProtocols.Icmp => transport.IcmpType is 8 or 0,
        IpProtocols.Icmpv6 => transport.IcmpType is 128 or 129,
        _ => false,
    };

    /// <summary>An echo reply (its sender is the server).</summary>
    public static bool IsEchoReply(in TransportLayer transport) => transport.Protocol switch
    {
        IpProtocols.Icmp => transport.IcmpType == 0,
        IpProtocols.Icmpv6 => transport.IcmpType == 129,
        _ => false,
    };

    /// <summary>A well-mixed 32-bit hash (not randomised: the table's layout is reproducible).</summary>
    public uint Hash()
    {
        var a = AddressA.Value;
        var b = AddressB.Value;
        var h = (ulong)a ^ ((ulong)(a >> 64) * 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (ulong)b);
        h = Mix(h ^ (ulong)(b >> 64));
        h = Mix(h ^ ((ulong)PortA << 32 | (ulong)PortB << 16 | (ulong)Protocol << 8 | IpVersion));
        return (uint)(h ^ (h >> 32));
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        return x;
    }

    public bool Equals(FlowKey other) =>
        AddressA == other.AddressA && AddressB == other.AddressB && PortA == other.PortA && PortB == other.PortB
        && Protocol == other.Protocol && IpVersion == other.IpVersion;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode() => (int)Hash();

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);

    public override string ToString() => $"v{IpVersion} proto {Protocol} {AddressA}:{PortA} <-> {AddressB}:{PortB}";
}
