using NetOps.Capture;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// Everything the decoder learned about one frame, filled in place by
/// <see cref="PacketDecoder.Decode(LinkType, ReadOnlySpan{byte}, int, ref DecodedPacket)"/> (which
/// clears it first). A plain mutable struct: no references, nothing allocated, reused frame after frame.
/// <para>
/// Layers: the link fields describe the outermost link layer (the capture's own network: its MACs,
/// VLANs, MPLS labels, PPPoE session). <see cref="OuterIp"/> is the first IP header,
/// <see cref="InnerIp"/> the innermost one reached through tunnels (6in4, 4in6, IP-in-IP, GRE,
/// VXLAN, Teredo, AYIYA); without a tunnel both are the same header. <see cref="Transport"/> belongs
/// to <see cref="InnerIp"/>: a packet is counted as what it finally is.
/// </para>
/// <para>
/// Malformed packets: decoding stops at the first layer that is wrong, sets <see cref="Malformed"/>
/// and <see cref="MalformedLayer"/>, and keeps every layer decoded before it valid — an IPv6 packet
/// with a broken TCP header still has its IPv6 layer (and its bytes count as IPv6); a tunnel whose
/// inner header is broken keeps the outer IP layer as <see cref="InnerIp"/>. An IP header that is
/// whole (IPv4: version 4 and a header length that fits; IPv6: version 6 and 40 bytes) but whose
/// total or payload length is impossible is kept as a layer, since its addresses are sound, and
/// decoding ends after it (the packet is malformed in that IP layer).
/// </para>
/// </summary>
public struct DecodedPacket
{
    /// <summary>The link type the frame was decoded as.</summary>
    public LinkType LinkType;

    /// <summary>Bytes captured (the span decoded).</summary>
    public int CapturedLength;

    /// <summary>Bytes on the wire (the capture's original length; tshark's frame.len).</summary>
    public int WireLength;

    /// <summary>True when the capture kept fewer bytes than were on the wire (snap length): lengths
    /// beyond the captured bytes are then expected, not malformed, and decoding stops quietly where the bytes end.</summary>
    public bool IsSnapped;

    /// <summary>True when an Ethernet header (or a Linux SLL/SLL2 header of an Ethernet device, ARPHRD_ETHER, with a 6-byte address) gave the MACs below.</summary>
    public bool HasMacAddresses;

    /// <summary>Ethernet source, or the Linux SLL/SLL2 link-layer address.</summary>
    public MacAddress SourceMac;

    /// <summary>Ethernet destination (not known for Linux SLL/SLL2).</summary>
    public MacAddress DestinationMac;

    /// <summary>
    /// The protocol type after the outermost link header and its VLAN tags (0x0800, 0x86dd, 0x0806 ARP,
    /// 0x8847 MPLS, 0x8864 PPPoE…; for Null/Loop and raw IP the one implied). 0 for 802.3 length (LLC) frames.
    /// </summary>
    public ushort EtherType;

    /// <summary>What the outermost link layer carried (VLAN, QinQ, MPLS, PPPoE, LLC…).</summary>
    public LinkEncapsulations LinkEncapsulations;

    /// <summary>How many VLAN tags the outermost link layer had.</summary>
    public byte VlanCount;

    /// <summary>The first (outer, service) VLAN id, when <see cref="VlanCount"/> ≥ 1.</summary>
    public ushort OuterVlanId;

    /// <summary>The second (inner, customer) VLAN id, when <see cref="VlanCount"/> ≥ 2.</summary>
    public ushort InnerVlanId;

    /// <summary>How many MPLS label stack entries were read.</summary>
    public byte MplsLabelCount;

    /// <summary>The top (first) MPLS label.</summary>
    public uint MplsTopLabel;

    /// <summary>The bottom-of-stack MPLS label.</summary>
    public uint MplsBottomLabel;

    /// <summary>The PPPoE session id (session and discovery frames).</summary>
    public ushort PppoeSessionId;

    /// <summary>The PPP protocol number (0x0021 IPv4, 0x0057 IPv6, 0xc021 LCP…) of PPPoE or a PPP link.</summary>
    public ushort PppProtocol;

    /// <summary>The tunnels the packet went through.</summary>
    public TunnelKinds Tunnels;

    /// <summary>How many tunnel encapsulations were entered (bounded by <see cref="PacketDecoder.MaxTunnelDepth"/>).</summary>
    public byte TunnelDepth;

    /// <summary>How many IP headers were decoded (0 for non-IP, 1 without tunnels).</summary>
    public byte IpLayerCount;

    /// <summary>The first IP header of the frame.</summary>
    public IpLayer OuterIp;

    /// <summary>The innermost IP header decoded (the same as <see cref="OuterIp"/> without tunnels).</summary>
    public IpLayer InnerIp;

    /// <summary>The transport header of <see cref="InnerIp"/>.</summary>
    public TransportLayer Transport;

    /// <summary>
    /// Where the application bytes start in the frame: after the innermost decoded header (TCP/UDP
    /// header, ICMP header, the IP header of an undecoded protocol, or the link header of a non-IP frame).
    /// </summary>
    public int PayloadOffset;

    /// <summary>
    /// How many application bytes there are, bounded by the enclosing lengths (IP total length, UDP
    /// length — so Ethernet padding is excluded) and by the captured bytes.
    /// </summary>
    public int PayloadLength;

    /// <summary>Why decoding stopped early; <see cref="MalformedReason.None"/> for a well-formed frame.</summary>
    public MalformedReason Malformed;

    /// <summary>The layer <see cref="Malformed"/> happened in.</summary>
    public PacketLayer MalformedLayer;

    /// <summary>True when at least one IP header was decoded.</summary>
    public readonly bool IsIp => IpLayerCount != 0;

    public readonly bool IsMalformed => Malformed != MalformedReason.None;

    /// <summary>The IP version the packet counts as (the innermost), 0 when not IP.</summary>
    public readonly byte IpVersion => InnerIp.Version;
}
