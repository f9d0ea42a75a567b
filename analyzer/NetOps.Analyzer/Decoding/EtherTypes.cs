namespace NetOps.Analyzer.Decoding;

/// <summary>The EtherType values the decoder follows.</summary>
public static class EtherTypes
{
    public const ushort IPv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Vlan = 0x8100;
    public const ushort IPv6 = 0x86DD;
    public const ushort MplsUnicast = 0x8847;
    public const ushort MplsMulticast = 0x8848;
    public const ushort PppoeDiscovery = 0x8863;
    public const ushort PppoeSession = 0x8864;
    public const ushort ServiceVlan = 0x88A8;
    public const ushort QinQ9100 = 0x9100;
    public const ushort QinQ9200 = 0x9200;
    /// <summary>Transparent Ethernet bridging (GRE carrying Ethernet).</summary>
    public const ushort TransparentEthernetBridging = 0x6558;
    public const ushort ErspanType2 = 0x88BE;
    public const ushort ErspanType3 = 0x22EB;
    /// <summary>PPP, as GRE version 1 (PPTP) names it.</summary>
    public const ushort Ppp = 0x880B;

    /// <summary>Values up to 1500 are an 802.3 length, not a type.</summary>
    public const ushort MaxLength = 1500;

    /// <summary>True for the tag protocol identifiers of 802.1Q, 802.1ad and legacy QinQ.</summary>
    public static bool IsVlanTag(ushort type) => type is Vlan or ServiceVlan or QinQ9100 or QinQ9200;
}
