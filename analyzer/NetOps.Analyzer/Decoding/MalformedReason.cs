namespace NetOps.Analyzer.Decoding;

/// <summary>
/// Why a frame could not be decoded to its end: one reason per malformed packet, reported with the
/// <see cref="PacketLayer"/> it happened in. A frame cut short by the capture's snap length is not
/// malformed (see <see cref="DecodedPacket.IsSnapped"/>); a header that lies about lengths is.
/// </summary>
public enum MalformedReason : byte
{
    None = 0,
    /// <summary>The capture's link type is not one NetOps decodes.</summary>
    UnknownLinkType,
    /// <summary>Frame shorter than its Null/Loop, Linux SLL/SLL2 or PPP header.</summary>
    TruncatedLinkHeader,
    /// <summary>Frame shorter than the 14-byte Ethernet header.</summary>
    TruncatedEthernet,
    /// <summary>Frame ends inside an 802.1Q/802.1ad tag.</summary>
    TruncatedVlanTag,
    /// <summary>More stacked VLAN tags than <see cref="PacketDecoder.MaxVlanTags"/>.</summary>
    VlanStackTooDeep,
    /// <summary>Frame ends inside an MPLS label stack entry.</summary>
    TruncatedMplsLabel,
    /// <summary>More MPLS labels than <see cref="PacketDecoder.MaxMplsLabels"/> before bottom of stack.</summary>
    MplsStackTooDeep,
    /// <summary>Frame shorter than the 6-byte PPPoE header.</summary>
    TruncatedPppoe,
    /// <summary>PPPoE length field beyond the frame, or a PPPoE version/type other than 1/1.</summary>
    BadPppoeHeader,
    /// <summary>Frame ends inside the PPP protocol field.</summary>
    TruncatedPpp,
    /// <summary>Raw IP (or IP after MPLS, GRE, Teredo, AYIYA) whose first nibble is neither 4 nor 6.</summary>
    UnknownIpVersion,
    /// <summary>Fewer than 20 bytes where an IPv4 header should be.</summary>
    TruncatedIPv4,
    /// <summary>EtherType/protocol says IPv4 but the version nibble is not 4.</summary>
    BadIPv4Version,
    /// <summary>IPv4 IHL below 5 (20 bytes), or beyond the captured bytes.</summary>
    BadIPv4HeaderLength,
    /// <summary>IPv4 total length smaller than its header length.</summary>
    IPv4TotalLengthBelowHeader,
    /// <summary>IPv4 total length beyond the bytes on the wire.</summary>
    IPv4TotalLengthBeyondFrame,
    /// <summary>IPv4 fragment reaching beyond 65,535 bytes (offset + length), the "ping of death".</summary>
    IPv4FragmentTooLarge,
    /// <summary>Fewer than 40 bytes where an IPv6 header should be.</summary>
    TruncatedIPv6,
    /// <summary>EtherType/next header says IPv6 but the version nibble is not 6.</summary>
    BadIPv6Version,
    /// <summary>IPv6 payload length beyond the bytes on the wire.</summary>
    BadIPv6PayloadLength,
    /// <summary>An IPv6 extension header runs past the payload.</summary>
    TruncatedExtensionHeader,
    /// <summary>More IPv6 extension headers than <see cref="PacketDecoder.MaxExtensionHeaders"/>.</summary>
    ExtensionHeaderChainTooLong,
    /// <summary>Fewer than 20 bytes (or than the data offset says) of TCP header.</summary>
    TruncatedTcp,
    /// <summary>TCP data offset below 5 (20 bytes).</summary>
    BadTcpDataOffset,
    /// <summary>Fewer than 8 bytes of UDP header.</summary>
    TruncatedUdp,
    /// <summary>UDP length below 8 or beyond the IP payload.</summary>
    UdpLengthMismatch,
    /// <summary>Fewer than the 4 (8 for echo, errors) bytes of ICMP header.</summary>
    TruncatedIcmp,
    /// <summary>Fewer than the 4 bytes of ICMPv6 header, or a neighbour discovery message shorter than its fixed part.</summary>
    TruncatedIcmpv6,
    /// <summary>Neighbour discovery option with length 0 or running past the message.</summary>
    BadNeighborDiscoveryOption,
    /// <summary>Frame ends inside the GRE header (with its optional fields).</summary>
    TruncatedGre,
    /// <summary>GRE version other than 0 and 1, or a PPTP (version 1) header without its key.</summary>
    BadGreHeader,
    /// <summary>Frame ends inside the ERSPAN header.</summary>
    TruncatedErspan,
    /// <summary>Fewer than the 8 bytes of VXLAN header.</summary>
    TruncatedVxlan,
    /// <summary>Teredo authentication or origin indicator runs past the datagram.</summary>
    TruncatedTeredo,
    /// <summary>AYIYA header (with identity and signature) runs past the datagram.</summary>
    TruncatedAyiya,
    /// <summary>More nested tunnels than <see cref="PacketDecoder.MaxTunnelDepth"/>.</summary>
    TunnelDepthExceeded,
}
