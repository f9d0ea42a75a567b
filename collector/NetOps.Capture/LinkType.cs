namespace NetOps.Capture;

/// <summary>
/// Link-layer header types as libpcap and the pcap/pcapng file formats number them
/// (LINKTYPE_* of tcpdump.org/linktypes.html). Only the values NetOps decodes are named; any other
/// is refused by the reader with a message that names the number.
/// </summary>
public enum LinkType : uint
{
    /// <summary>BSD loopback: 4-byte address family in host byte order of the capturing machine.</summary>
    Null = 0,
    Ethernet = 1,
    /// <summary>Raw IPv4 or IPv6, version from the first nibble.</summary>
    Raw = 101,
    /// <summary>OpenBSD loopback: 4-byte address family in network byte order.</summary>
    Loop = 108,
    /// <summary>Linux "cooked" capture v1 (any-interface captures).</summary>
    LinuxSll = 113,
    RawIpv4 = 228,
    RawIpv6 = 229,
    /// <summary>Linux "cooked" capture v2.</summary>
    LinuxSll2 = 276,
}
