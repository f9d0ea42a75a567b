namespace NetOps.Collector.Snmp;

/// <summary>
/// The vendors found on campus networks, by IANA private enterprise number (the N of a sysObjectID
/// 1.3.6.1.4.1.N…). Names as the IANA registry spells them, checked against its copy in Debian's
/// wireshark-common (/usr/share/wireshark/enterprises.tsv, registry of 2024-08-23); the short
/// vendor name is what NetOps shows.
/// </summary>
public static class EnterpriseNumbers
{
    private static readonly Dictionary<long, (string Registry, string Vendor)> Known = new()
    {
        [9] = ("ciscoSystems", "Cisco"),
        [11] = ("Hewlett-Packard", "HP"),
        [171] = ("D-Link Systems, Inc.", "D-Link"),
        [674] = ("Dell Inc.", "Dell"),
        [890] = ("ZyXEL Communications Corp.", "ZyXEL"),
        [1916] = ("Extreme Networks", "Extreme Networks"),
        [1991] = ("Brocade Communication Systems, Inc.", "Brocade"),
        [2011] = ("HUAWEI Technology Co.,Ltd", "Huawei"),
        [2620] = ("Check Point Software Technologies Ltd", "Check Point"),
        [2636] = ("Juniper Networks, Inc.", "Juniper"),
        [3902] = ("Zhongxing Telecom Co.,ltd. (abbr. ZTE)", "ZTE"),
        [4526] = ("Netgear", "Netgear"),
        [4881] = ("Ruijie Networks Co., Ltd.", "Ruijie"),
        [5651] = ("Maipu Electric Industrial Co., Ltd", "Maipu"),
        [6339] = ("Digital China (Shanghai) Networks Ltd.", "DCN"),
        [6486] = ("Alcatel-Lucent Enterprise (previous was 'Alcatel')", "Alcatel-Lucent Enterprise"),
        [8072] = ("net-snmp", "net-snmp"),
        [8741] = ("SonicWALL, Inc.", "SonicWall"),
        [8886] = ("Beijing Raisecom Scientific & Technology Development Co., Ltd.", "Raisecom"),
        [11408] = ("Fiberhome Telecommunication Technologies Co.,LTD", "FiberHome"),
        [11863] = ("TP-Link Systems Inc.", "TP-Link"),
        [12356] = ("Fortinet, Inc.", "Fortinet"),
        [14179] = ("Airespace, Inc", "Cisco"),
        [14331] = ("Beijing Topsec Network Security Technology Co., Ltd.", "Topsec"),
        [14823] = ("Aruba, a Hewlett Packard Enterprise company", "Aruba"),
        [14988] = ("MikroTik", "MikroTik"),
        [19849] = ("NSFOCUS  Ltd.", "NSFOCUS"),
        [25053] = ("Ruckus Wireless, Inc.", "Ruckus"),
        [25461] = ("PALO ALTO NETWORKS", "Palo Alto Networks"),
        [25506] = ("H3C", "H3C"),
        [28557] = ("Hillstone Networks Inc", "Hillstone"),
        [30065] = ("Arista Networks, Inc.", "Arista"),
        [33049] = ("Mellanox Technologies LTD", "Mellanox"),
        [35047] = ("Sangfor Technologies Co.,Ltd.", "Sangfor"),
        [39165] = ("Hikvision Digital Technology Co., Ltd.", "Hikvision"),
        [40310] = ("Cumulus Networks, inc", "Cumulus Networks"),
        [41112] = ("Ubiquiti Networks, Inc.", "Ubiquiti"),
        [47196] = ("Hewlett Packard Enterprise", "HPE"),
    };

    private static readonly uint[] Enterprises = [1, 3, 6, 1, 4, 1];

    public static IReadOnlyCollection<long> Numbers => Known.Keys;

    /// <summary>The enterprise number of a sysObjectID (dotted, with or without a leading dot), or null.</summary>
    public static long? Of(string sysObjectId)
    {
        if (!NetOps.Snmp.ObjectIdentifier.TryParse(sysObjectId.TrimStart('.'), out var oid) || oid.Length <= Enterprises.Length
            || !oid.Arcs.StartsWith(Enterprises))
            return null;
        return oid.Arcs[Enterprises.Length];
    }

    /// <summary>The registry name and short vendor name of an enterprise number, or empty strings when not in the table.</summary>
    public static (string Registry, string Vendor) Name(long? number) =>
        number is { } n && Known.TryGetValue(n, out var name) ? name : ("", "");
}
