using static NetOps.Analyzer.Tests.Decoding.Build;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>A hand-built frame; <see cref="WireLength"/> above the data's length makes it snapped.</summary>
public sealed record SampleFrame(string Name, LinkType LinkType, byte[] Data, int? Wire = null)
{
    public int WireLength => Wire ?? Data.Length;

    public DecodedPacket Decode()
    {
        var packet = new DecodedPacket();
        PacketDecoder.Decode(LinkType, Data, WireLength, ref packet);
        return packet;
    }

    public override string ToString() => Name;
}

/// <summary>
/// Well-formed frames for every path through the decoder, the ones the corpus lacks (GRE, MPLS,
/// IP-in-IP, 4in6, ERSPAN, PPTP, SLL2, Loop, PPPoE discovery…) included. Unit tests check what NetOps
/// makes of each; <see cref="SampleFramesTsharkTests"/> checks that tshark sees the same.
/// </summary>
public static class SampleFrames
{
    private static readonly byte[] Data = "hello, campus"u8.ToArray();

    private static byte[] Udp4(string source = "10.0.0.1", string destination = "10.0.0.2", ushort destinationPort = 53) =>
        Ipv4(source, destination, IpProtocols.Udp, Udp(40000, destinationPort, Data));

    private static byte[] Tcp6(string source = "2001:db8::1", string destination = "2001:db8::2") =>
        Ipv6(source, destination, IpProtocols.Tcp, Tcp(40000, 443, TcpFlags.Syn, [], options: [2, 4, 5, 0xb4, 1, 1, 4, 2]));

    private static byte[] InnerEthernet(byte[]? destination = null, byte[]? source = null) =>
        Ethernet(EtherTypes.IPv4, Ipv4("192.168.7.1", "192.168.7.2", IpProtocols.Tcp, Tcp(5555, 80, TcpFlags.Ack | TcpFlags.Psh, Data)), destination, source);

    public static readonly SampleFrame EthernetUdp = new("ethernet ipv4 udp", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Udp4()));

    /// <summary>Padded to Ethernet's 60-byte minimum: the padding is not payload.</summary>
    public static readonly SampleFrame EthernetPadded = new("ethernet ipv4 tcp padded", LinkType.Ethernet,
        Concat(Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Tcp, Tcp(1, 2, TcpFlags.Rst, []))), Bytes(6, 0)));

    public static readonly SampleFrame Ipv4Options = new("ipv4 with options, icmp echo", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Icmp, Icmp(8, 0, 0x1234, 1, Data), options: [0x94, 4, 0, 0, 1, 1, 1, 0])));

    public static readonly SampleFrame Ipv4FirstFragment = new("ipv4 first fragment udp", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Udp, Udp(40000, 53, Data, length: 1200), id: 77, moreFragments: true)));

    public static readonly SampleFrame Ipv4LaterFragment = new("ipv4 later fragment", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Udp, Bytes(40), id: 77, fragmentOffset: 1480)));

    public static readonly SampleFrame Llc = new("802.3 llc (stp)", LinkType.Ethernet,
        Ethernet(38, Concat([0x42, 0x42, 0x03], Bytes(35, 0)), destination: [0x01, 0x80, 0xc2, 0, 0, 0]));

    public static readonly SampleFrame Arp = new("arp", LinkType.Ethernet,
        Ethernet(EtherTypes.Arp, Concat([0, 1, 8, 0, 6, 4, 0, 1], MacA, [10, 0, 0, 1], Bytes(6, 0), [10, 0, 0, 2]), destination: Bytes(6, 0xff)));

    public static readonly SampleFrame Vlan = new("802.1q ipv6 tcp", LinkType.Ethernet,
        Ethernet(EtherTypes.Vlan, VlanTag(100, EtherTypes.IPv6, Tcp6(), priority: 5)));

    public static readonly SampleFrame QinQ = new("802.1ad + 802.1q ipv4 udp", LinkType.Ethernet,
        Ethernet(EtherTypes.ServiceVlan, VlanTag(300, EtherTypes.Vlan, VlanTag(42, EtherTypes.IPv4, Udp4()))));

    public static readonly SampleFrame Mpls = new("mpls two labels ipv4", LinkType.Ethernet,
        Ethernet(EtherTypes.MplsUnicast, Build.Mpls(1000, false, Build.Mpls(2000, true, Udp4()))));

    /// <summary>With a control word (sequence 1); the inner MACs (Intel's OUI, a made-up one) do not read as a frame without it.</summary>
    public static readonly SampleFrame MplsPseudowire = new("mpls pseudowire ethernet, control word", LinkType.Ethernet,
        Ethernet(EtherTypes.MplsUnicast, Build.Mpls(3000, true, Concat([0, 0, 0, 1], InnerEthernet([0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc], [0x21, 0x22, 0x23, 0x24, 0x25, 0x26])))));

    /// <summary>Without a control word: Cisco and Intel MACs, the first nibble 0 like a control word's.</summary>
    public static readonly SampleFrame MplsPseudowireNoControlWord = new("mpls pseudowire ethernet, no control word", LinkType.Ethernet,
        Ethernet(EtherTypes.MplsUnicast, Build.Mpls(3001, true, InnerEthernet([0x00, 0x00, 0x0c, 0x01, 0x02, 0x03], [0x00, 0x1b, 0x21, 0x04, 0x05, 0x06]))));

    public static readonly SampleFrame PppoeSession = new("pppoe session ipv6", LinkType.Ethernet,
        Ethernet(EtherTypes.PppoeSession, Pppoe(0, 0x1234, Ppp(PppReader.ProtocolIPv6, Tcp6()))));

    public static readonly SampleFrame PppoeDiscovery = new("pppoe discovery padi", LinkType.Ethernet,
        Ethernet(EtherTypes.PppoeDiscovery, Pppoe(0x09, 0, [0x01, 0x01, 0, 0]), destination: Bytes(6, 0xff)));

    public static readonly SampleFrame Ipv6Extensions = new("ipv6 hop-by-hop, destination options, udp", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("fe80::1", "ff02::16", IpProtocols.HopByHop,
            Options(IpProtocols.DestinationOptions, Options(IpProtocols.Udp, Udp(546, 547, Data), units: 1)))));

    public static readonly SampleFrame Ipv6FirstFragment = new("ipv6 first fragment udp", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Fragment,
            Fragment(IpProtocols.Udp, 0, true, 0xabcdef, Udp(40000, 53, Data, length: 3000)))));

    public static readonly SampleFrame Ipv6LaterFragment = new("ipv6 later fragment", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Fragment,
            Fragment(IpProtocols.Udp, 1448, false, 0xabcdef, Bytes(64)))));

    public static readonly SampleFrame Ipv6Authentication = new("ipv6 authentication header tcp", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.AuthenticationHeader,
            AuthenticationHeader(IpProtocols.Tcp, Tcp(179, 40000, TcpFlags.Ack, Data)))));

    public static readonly SampleFrame NeighborSolicitation = new("icmpv6 neighbour solicitation", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("fe80::a", "ff02::1:ff00:b", IpProtocols.Icmpv6,
            Build.NeighborSolicitation("fe80::b", LinkLayerOption(1, MacA)), hopLimit: 255)));

    public static readonly SampleFrame NeighborAdvertisement = new("icmpv6 neighbour advertisement", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("fe80::b", "fe80::a", IpProtocols.Icmpv6,
            Build.NeighborAdvertisement("fe80::b", LinkLayerOption(2, MacB)), hopLimit: 255)));

    public static readonly SampleFrame RouterAdvertisement = new("icmpv6 router advertisement", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("fe80::1", "ff02::1", IpProtocols.Icmpv6,
            Build.RouterAdvertisement(LinkLayerOption(1, MacB), Concat([5, 1, 0, 0], [0, 0, 0x05, 0xdc])), hopLimit: 255)));

    public static readonly SampleFrame Icmpv6Echo = new("icmpv6 echo request", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Icmpv6, Icmpv6(128, 0, Concat([0x43, 0x21, 0, 1], Data)))));

    public static readonly SampleFrame SixInFour = new("6in4", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.IPv6, Tcp6())));

    public static readonly SampleFrame FourInSix = new("4in6 (ds-lite)", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("2001:db8::a", "2001:db8::b", IpProtocols.IPv4, Udp4("100.64.0.1", "8.8.8.8"))));

    public static readonly SampleFrame IpInIp = new("ipv4 in ipv4", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.IPv4, Udp4())));

    public static readonly SampleFrame SixInSix = new("ipv6 in ipv6", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv6, Ipv6("2001:db8::a", "2001:db8::b", IpProtocols.IPv6, Tcp6())));

    public static readonly SampleFrame GreIpv4 = new("gre ipv4 with key and sequence", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre, Gre(EtherTypes.IPv4, Udp4(), key: 0x01020304, sequence: 7))));

    public static readonly SampleFrame GreChecksumIpv6 = new("gre with checksum, ipv6", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre, Gre(EtherTypes.IPv6, Tcp6(), checksum: true))));

    public static readonly SampleFrame GreEthernet = new("gre transparent ethernet bridging (0x6558)", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre, Gre(EtherTypes.TransparentEthernetBridging, InnerEthernet(), key: 10))));

    public static readonly SampleFrame Erspan2 = new("erspan type ii", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre,
            Gre(EtherTypes.ErspanType2, Concat([0x10, 0x64, 0x00, 0x05, 0, 0, 0, 0], InnerEthernet()), sequence: 1))));

    public static readonly SampleFrame Pptp = new("pptp enhanced gre ppp ipv4", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre,
            Build.Pptp(0x4000, Concat([0xff, 0x03], Ppp(PppReader.ProtocolIPv4, Udp4("172.16.0.5", "10.1.1.1"))), sequence: 3))));

    public static readonly SampleFrame Vxlan = new("vxlan", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Udp, Udp(54321, VxlanReader.Port, Build.Vxlan(5001, InnerEthernet())))));

    public static readonly SampleFrame Teredo = new("teredo with origin indicator", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("192.0.2.1", "198.51.100.7", IpProtocols.Udp,
            Udp(TeredoReader.Port, 40000, TeredoOrigin(Ipv6("2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", IpProtocols.Icmpv6, Icmpv6(128, 0, [0, 1, 0, 1])))))));

    public static readonly SampleFrame Ayiya = new("ayiya ipv6", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("192.0.2.1", "198.51.100.7", IpProtocols.Udp,
            Udp(AyiyaReader.Port, AyiyaReader.Port, Build.Ayiya(AyiyaReader.OpcodeForward, IpProtocols.IPv6, Tcp6())))));

    public static readonly SampleFrame LinuxSll = new("linux sll ipv4", LinkType.LinuxSll, Sll(EtherTypes.IPv4, Udp4()));

    public static readonly SampleFrame LinuxSllVlan = new("linux sll 802.1q ipv6", LinkType.LinuxSll,
        Sll(EtherTypes.Vlan, VlanTag(7, EtherTypes.IPv6, Tcp6())));

    public static readonly SampleFrame LinuxSll2 = new("linux sll2 ipv6", LinkType.LinuxSll2, Sll2(EtherTypes.IPv6, Tcp6()));

    public static readonly SampleFrame Null = new("bsd null ipv4", LinkType.Null, Loopback(2, Udp4("127.0.0.1", "127.0.0.1")));

    public static readonly SampleFrame NullIpv6 = new("bsd null ipv6 (af 30)", LinkType.Null, Loopback(30, Tcp6("::1", "::1")));

    public static readonly SampleFrame Loop = new("openbsd loop ipv6 (af 24)", LinkType.Loop, Loopback(24, Tcp6("::1", "::1"), loop: true));

    public static readonly SampleFrame RawIpv4 = new("raw ipv4", LinkType.Raw, Udp4());

    public static readonly SampleFrame RawIpv6 = new("raw ipv6", LinkType.Raw, Tcp6());

    public static readonly SampleFrame Snapped = new("snapped: 64 of 1514 bytes", LinkType.Ethernet,
        Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Tcp, Tcp(40000, 80, TcpFlags.Ack, Bytes(1460)))).AsSpan(0, 64).ToArray(), 1514);

    public static IReadOnlyList<SampleFrame> All { get; } = typeof(SampleFrames)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(SampleFrame))
        .Select(f => (SampleFrame)f.GetValue(null)!)
        .ToList();
}
