namespace NetOps.Analyzer.Decoding;

/// <summary>The protocol layers the decoder reads; names the layer a packet was malformed in.</summary>
public enum PacketLayer : byte
{
    None = 0,
    /// <summary>The capture's link type itself (an unknown one).</summary>
    Link,
    Ethernet,
    /// <summary>802.1Q or 802.1ad tag.</summary>
    Vlan,
    Mpls,
    Pppoe,
    Ppp,
    LinuxSll,
    LinuxSll2,
    /// <summary>BSD Null or OpenBSD Loop header.</summary>
    Loopback,
    IPv4,
    IPv6,
    /// <summary>An IPv6 extension header (hop-by-hop, routing, fragment, destination options, AH).</summary>
    IPv6Extension,
    Gre,
    Erspan,
    Vxlan,
    Teredo,
    Ayiya,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
}
