namespace NetOps.Analyzer.Decoding;

/// <summary>What the outermost link layer of a frame carried besides plain Ethernet II.</summary>
[Flags]
public enum LinkEncapsulations : byte
{
    None = 0,
    /// <summary>An 802.3 length frame (LLC/SNAP follows): not IP for NetOps.</summary>
    Llc = 1 << 0,
    /// <summary>One or more 802.1Q tags (0x8100).</summary>
    Vlan = 1 << 1,
    /// <summary>An 802.1ad service tag (0x88a8) or a legacy QinQ tag (0x9100, 0x9200).</summary>
    QinQ = 1 << 2,
    /// <summary>An MPLS label stack (0x8847 unicast, 0x8848 multicast).</summary>
    Mpls = 1 << 3,
    /// <summary>A PPPoE session frame (0x8864) and the PPP inside it.</summary>
    PppoeSession = 1 << 4,
    /// <summary>A PPPoE discovery frame (0x8863): not IP.</summary>
    PppoeDiscovery = 1 << 5,
    /// <summary>PPP (in PPPoE, on a PPP link, or in PPTP's GRE).</summary>
    Ppp = 1 << 6,
}
