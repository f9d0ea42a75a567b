namespace NetOps.Capture;

/// <summary>Which link types NetOps decodes, and their names for messages.</summary>
public static class LinkTypes
{
    /// <summary>
    /// The <see cref="LinkType"/> a file's or interface's number stands for, or null when NetOps
    /// does not decode it. 12 and 14 are DLT_RAW as some platforms numbered it in old files
    /// (Wireshark reads both as raw IP too); they come out as <see cref="LinkType.Raw"/>.
    /// </summary>
    public static LinkType? FromNumber(uint number) => number switch
    {
        0 => LinkType.Null,
        1 => LinkType.Ethernet,
        12 or 14 or 101 => LinkType.Raw,
        108 => LinkType.Loop,
        113 => LinkType.LinuxSll,
        228 => LinkType.RawIpv4,
        229 => LinkType.RawIpv6,
        276 => LinkType.LinuxSll2,
        _ => null,
    };

    /// <summary>"LINKTYPE_PPP (9)" and the like; the number alone for types without a name here.</summary>
    public static string Describe(uint number)
    {
        var name = number switch
        {
            0 => "LINKTYPE_NULL",
            1 => "LINKTYPE_ETHERNET",
            6 => "LINKTYPE_IEEE802_5",
            8 => "LINKTYPE_SLIP",
            9 => "LINKTYPE_PPP",
            10 => "LINKTYPE_FDDI",
            12 or 14 or 101 => "LINKTYPE_RAW",
            50 => "LINKTYPE_PPP_HDLC",
            51 => "LINKTYPE_PPP_ETHER",
            104 => "LINKTYPE_C_HDLC",
            105 => "LINKTYPE_IEEE802_11",
            108 => "LINKTYPE_LOOP",
            113 => "LINKTYPE_LINUX_SLL",
            119 => "LINKTYPE_IEEE802_11_PRISM",
            127 => "LINKTYPE_IEEE802_11_RADIOTAP",
            143 => "LINKTYPE_DOCSIS",
            192 => "LINKTYPE_PPI",
            195 => "LINKTYPE_IEEE802_15_4_WITHFCS",
            197 => "LINKTYPE_ERF",
            201 => "LINKTYPE_BLUETOOTH_HCI_H4_WITH_PHDR",
            220 => "LINKTYPE_USB_LINUX_MMAPPED",
            228 => "LINKTYPE_IPV4",
            229 => "LINKTYPE_IPV6",
            239 => "LINKTYPE_NFLOG",
            249 => "LINKTYPE_USBPCAP",
            253 => "LINKTYPE_NETLINK",
            276 => "LINKTYPE_LINUX_SLL2",
            >= 147 and <= 162 => "LINKTYPE_USER" + (number - 147),
            _ => null,
        };
        return name is null ? $"link type {number}" : $"{name} ({number})";
    }

    /// <summary>What NetOps decodes, for the refusal message.</summary>
    public static string SupportedList =>
        "Ethernet (1), BSD loopback (0, 108), raw IP (101, 228, 229), Linux cooked SLL (113) and SLL2 (276)";
}
