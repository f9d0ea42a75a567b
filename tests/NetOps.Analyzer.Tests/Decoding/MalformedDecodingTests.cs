using static NetOps.Analyzer.Tests.Decoding.Build;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>
/// One hand-built frame per malformed reason (several for some): the reason, the layer it is
/// reported in, and the layers before it still valid (how many IP layers remain, the link fields).
/// </summary>
public sealed class MalformedDecodingTests
{
    public sealed record Case(string Name, LinkType LinkType, byte[] Data, MalformedReason Reason, PacketLayer Layer, int IpLayers)
    {
        public override string ToString() => Name;
    }

    private const string Src = "10.0.0.1";
    private const string Dst = "10.0.0.2";
    private const string Src6 = "2001:db8::1";

    private static byte[] Eth4(byte[] ipPayload, byte protocol) => Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, protocol, ipPayload));

    private static byte[] Eth6(byte next, byte[] ipPayload) => Ethernet(EtherTypes.IPv6, Ipv6(Src6, "2001:db8::2", next, ipPayload));

    private static byte[] Udp4(ushort port, byte[] udpPayload) => Eth4(Udp(40000, port, udpPayload), IpProtocols.Udp);

    private static byte[] Gre4(byte[] gre) => Eth4(gre, IpProtocols.Gre);

    private static byte[] Tags(int count)
    {
        var inner = Ipv4(Src, Dst, IpProtocols.Udp, Udp(1, 2, []));
        var next = EtherTypes.IPv4;
        for (var i = 0; i < count; i++)
        {
            inner = VlanTag((ushort)(i + 1), next, inner);
            next = EtherTypes.Vlan;
        }
        return Ethernet(next, inner);
    }

    private static byte[] Labels(int count)
    {
        var inner = Build.Mpls((uint)count, true, Ipv4(Src, Dst, IpProtocols.Udp, Udp(1, 2, [])));
        for (var i = 1; i < count; i++)
            inner = Build.Mpls((uint)(count - i), false, inner);
        return Ethernet(EtherTypes.MplsUnicast, inner);
    }

    private static byte[] DestinationOptionsChain(int count)
    {
        var inner = Udp(1, 2, []);
        var next = IpProtocols.Udp;
        for (var i = 0; i < count; i++)
        {
            inner = Options(next, inner);
            next = IpProtocols.DestinationOptions;
        }
        return Eth6(next, inner);
    }

    private static byte[] NestedIpInIp(int tunnels)
    {
        var inner = Ipv4(Src, Dst, IpProtocols.Udp, Udp(1, 2, []));
        for (var i = 0; i < tunnels; i++)
            inner = Ipv4(Src, Dst, IpProtocols.IPv4, inner);
        return inner;
    }

    private static byte[] Cut(byte[] data, int length) => data[..length];

    private static readonly byte[] Tcp4Header = Tcp(40000, 80, TcpFlags.Syn, []);

    public static IReadOnlyList<Case> Cases { get; } =
    [
        new("unknown link type", (LinkType)147, Bytes(40), MalformedReason.UnknownLinkType, PacketLayer.Link, 0),
        new("sll shorter than 16", LinkType.LinuxSll, Bytes(10), MalformedReason.TruncatedLinkHeader, PacketLayer.LinuxSll, 0),
        new("sll2 shorter than 20", LinkType.LinuxSll2, Bytes(15), MalformedReason.TruncatedLinkHeader, PacketLayer.LinuxSll2, 0),
        new("null shorter than 4", LinkType.Null, [2, 0, 0], MalformedReason.TruncatedLinkHeader, PacketLayer.Loopback, 0),
        new("ethernet shorter than 14", LinkType.Ethernet, Bytes(10), MalformedReason.TruncatedEthernet, PacketLayer.Ethernet, 0),
        new("vlan tag cut", LinkType.Ethernet, Ethernet(EtherTypes.Vlan, [0, 5]), MalformedReason.TruncatedVlanTag, PacketLayer.Vlan, 0),
        new("five vlan tags", LinkType.Ethernet, Tags(PacketDecoder.MaxVlanTags + 1), MalformedReason.VlanStackTooDeep, PacketLayer.Vlan, 0),
        new("mpls entry cut", LinkType.Ethernet, Ethernet(EtherTypes.MplsUnicast, [0, 1]), MalformedReason.TruncatedMplsLabel, PacketLayer.Mpls, 0),
        new("nine mpls labels", LinkType.Ethernet, Labels(PacketDecoder.MaxMplsLabels + 1), MalformedReason.MplsStackTooDeep, PacketLayer.Mpls, 0),
        new("pppoe header cut", LinkType.Ethernet, Ethernet(EtherTypes.PppoeSession, [0x11, 0, 0, 1]), MalformedReason.TruncatedPppoe, PacketLayer.Pppoe, 0),
        new("pppoe length beyond frame", LinkType.Ethernet, Ethernet(EtherTypes.PppoeSession, Pppoe(0, 9, Ppp(0x0021, Bytes(20)), length: 200)),
            MalformedReason.BadPppoeHeader, PacketLayer.Pppoe, 0),
        new("pppoe version 2", LinkType.Ethernet, Ethernet(EtherTypes.PppoeDiscovery, Concat([0x21, 9, 0, 0, 0, 0]), destination: Bytes(6, 0xff)),
            MalformedReason.BadPppoeHeader, PacketLayer.Pppoe, 0),
        new("ppp protocol cut", LinkType.Ethernet, Ethernet(EtherTypes.PppoeSession, Pppoe(0, 9, [0x00])), MalformedReason.TruncatedPpp, PacketLayer.Ppp, 0),
        new("ppp link of one even byte", PacketDecoder.LinkTypePpp, [0x00], MalformedReason.TruncatedPpp, PacketLayer.Ppp, 0),
        new("raw ip version 5", LinkType.Raw, Concat([0x55], Bytes(39)), MalformedReason.UnknownIpVersion, PacketLayer.IPv4, 0),
        new("ipv4 shorter than 20", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Cut(Ipv4(Src, Dst, 6, []), 12)), MalformedReason.TruncatedIPv4, PacketLayer.IPv4, 0),
        new("ethertype ipv4, version 5", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, 17, Udp(1, 2, []), version: 5)),
            MalformedReason.BadIPv4Version, PacketLayer.IPv4, 0),
        new("ipv4 ihl 4", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, 17, Udp(1, 2, []), headerWords: 4)),
            MalformedReason.BadIPv4HeaderLength, PacketLayer.IPv4, 0),
        new("ipv4 ihl 15 beyond frame", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, 17, Udp(1, 2, []), headerWords: 15)),
            MalformedReason.BadIPv4HeaderLength, PacketLayer.IPv4, 0),
        new("ipv4 total length below header", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, 17, Udp(1, 2, []), totalLength: 16)),
            MalformedReason.IPv4TotalLengthBelowHeader, PacketLayer.IPv4, 1),
        new("ipv4 total length beyond frame", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, 17, Udp(1, 2, []), totalLength: 1000)),
            MalformedReason.IPv4TotalLengthBeyondFrame, PacketLayer.IPv4, 1),
        new("ipv4 fragment past 65535", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, 17, Bytes(40), fragmentOffset: 65528)),
            MalformedReason.IPv4FragmentTooLarge, PacketLayer.IPv4, 1),
        new("ipv6 shorter than 40", LinkType.Ethernet, Cut(Eth6(IpProtocols.Udp, []), 14 + 30), MalformedReason.TruncatedIPv6, PacketLayer.IPv6, 0),
        new("ethertype ipv6, version 4", LinkType.Ethernet, Ethernet(EtherTypes.IPv6, Ipv6("::1", "::2", 17, Udp(1, 2, []), version: 4)),
            MalformedReason.BadIPv6Version, PacketLayer.IPv6, 0),
        new("ipv6 payload length beyond frame", LinkType.Ethernet, Ethernet(EtherTypes.IPv6, Ipv6(Src6, "::2", 17, Udp(1, 2, []), payloadLength: 500)),
            MalformedReason.BadIPv6PayloadLength, PacketLayer.IPv6, 1),
        new("hop-by-hop header past payload", LinkType.Ethernet, Eth6(IpProtocols.HopByHop, Cut(Options(IpProtocols.Udp, Udp(1, 2, []), units: 5), 16)),
            MalformedReason.TruncatedExtensionHeader, PacketLayer.IPv6Extension, 1),
        new("nine extension headers", LinkType.Ethernet, DestinationOptionsChain(PacketDecoder.MaxExtensionHeaders + 1),
            MalformedReason.ExtensionHeaderChainTooLong, PacketLayer.IPv6Extension, 1),
        new("ipv4 ah cut", LinkType.Ethernet, Eth4(Bytes(6), IpProtocols.AuthenticationHeader), MalformedReason.TruncatedExtensionHeader, PacketLayer.IPv6Extension, 1),
        new("tcp shorter than 20", LinkType.Ethernet, Eth4(Cut(Tcp4Header, 10), IpProtocols.Tcp), MalformedReason.TruncatedTcp, PacketLayer.Tcp, 1),
        new("tcp data offset beyond segment", LinkType.Ethernet, Eth4(Tcp(1, 2, TcpFlags.Syn, [], dataOffsetWords: 15), IpProtocols.Tcp),
            MalformedReason.TruncatedTcp, PacketLayer.Tcp, 1),
        new("tcp data offset 4", LinkType.Ethernet, Eth4(Tcp(1, 2, TcpFlags.Syn, [], dataOffsetWords: 4), IpProtocols.Tcp),
            MalformedReason.BadTcpDataOffset, PacketLayer.Tcp, 1),
        new("tcp data offset 2 in 14 bytes", LinkType.Ethernet, Eth4(Cut(Tcp(1, 2, TcpFlags.Syn, [], dataOffsetWords: 2), 14), IpProtocols.Tcp),
            MalformedReason.BadTcpDataOffset, PacketLayer.Tcp, 1),
        new("udp shorter than 8", LinkType.Ethernet, Eth4(Bytes(5), IpProtocols.Udp), MalformedReason.TruncatedUdp, PacketLayer.Udp, 1),
        new("udp length 4", LinkType.Ethernet, Eth4(Udp(1, 2, [], length: 4), IpProtocols.Udp), MalformedReason.UdpLengthMismatch, PacketLayer.Udp, 1),
        new("udp length beyond ip payload", LinkType.Ethernet, Eth4(Udp(1, 2, Bytes(4), length: 100), IpProtocols.Udp),
            MalformedReason.UdpLengthMismatch, PacketLayer.Udp, 1),
        new("icmp shorter than 8", LinkType.Ethernet, Eth4(Bytes(5), IpProtocols.Icmp), MalformedReason.TruncatedIcmp, PacketLayer.Icmp, 1),
        new("icmpv6 neighbour solicitation cut", LinkType.Ethernet, Eth6(IpProtocols.Icmpv6, Cut(Build.NeighborSolicitation("fe80::1"), 12)),
            MalformedReason.TruncatedIcmpv6, PacketLayer.Icmpv6, 1),
        new("nd option of length 0", LinkType.Ethernet, Eth6(IpProtocols.Icmpv6, Build.NeighborSolicitation("fe80::1", [1, 0, 0, 0, 0, 0, 0, 0])),
            MalformedReason.BadNeighborDiscoveryOption, PacketLayer.Icmpv6, 1),
        new("nd option past the message", LinkType.Ethernet, Eth6(IpProtocols.Icmpv6, Build.NeighborSolicitation("fe80::1", [1, 2, 0, 0, 0, 0, 0, 0])),
            MalformedReason.BadNeighborDiscoveryOption, PacketLayer.Icmpv6, 1),
        new("gre shorter than 4", LinkType.Ethernet, Gre4([0, 0]), MalformedReason.TruncatedGre, PacketLayer.Gre, 1),
        new("gre key flag without key", LinkType.Ethernet, Gre4([0x20, 0, 0x08, 0x00, 0, 0]), MalformedReason.TruncatedGre, PacketLayer.Gre, 1),
        new("gre version 2", LinkType.Ethernet, Gre4([0, 2, 0x08, 0x00, 0, 0, 0, 0]), MalformedReason.BadGreHeader, PacketLayer.Gre, 1),
        new("pptp without key", LinkType.Ethernet, Gre4([0, 1, 0x88, 0x0b, 0, 0, 0, 0]), MalformedReason.BadGreHeader, PacketLayer.Gre, 1),
        new("erspan ii header cut", LinkType.Ethernet, Gre4(Gre(EtherTypes.ErspanType2, Bytes(4), sequence: 1)), MalformedReason.TruncatedErspan, PacketLayer.Erspan, 1),
        new("vxlan shorter than 8", LinkType.Ethernet, Udp4(VxlanReader.Port, Bytes(4)), MalformedReason.TruncatedVxlan, PacketLayer.Vxlan, 1),
        new("teredo authentication past datagram", LinkType.Ethernet, Udp4(TeredoReader.Port, [0, 1, 20, 20, 0, 0]), MalformedReason.TruncatedTeredo, PacketLayer.Teredo, 1),
        new("teredo origin cut", LinkType.Ethernet, Udp4(TeredoReader.Port, [0, 0, 1, 2]), MalformedReason.TruncatedTeredo, PacketLayer.Teredo, 1),
        new("ayiya shorter than its identity", LinkType.Ethernet, Udp4(AyiyaReader.Port, Cut(Build.Ayiya(1, 41, []), 20)),
            MalformedReason.TruncatedAyiya, PacketLayer.Ayiya, 1),
        new("five nested ip-in-ip", LinkType.Raw, NestedIpInIp(PacketDecoder.MaxTunnelDepth + 1), MalformedReason.TunnelDepthExceeded, PacketLayer.IPv4,
            PacketDecoder.MaxTunnelDepth + 1),
        new("inner ipv6 of 6in4 cut", LinkType.Raw, Ipv4(Src, Dst, IpProtocols.IPv6, Bytes(30, 0x60)), MalformedReason.TruncatedIPv6, PacketLayer.IPv6, 1),
    ];

    public static TheoryData<Case> All()
    {
        var data = new TheoryData<Case>();
        foreach (var c in Cases)
            data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Reason_and_layer_and_the_layers_before_stay_valid(Case c)
    {
        var p = new SampleFrame(c.Name, c.LinkType, c.Data).Decode();
        Assert.Equal(c.Reason, p.Malformed);
        Assert.Equal(c.Layer, p.MalformedLayer);
        Assert.True(p.IsMalformed);
        Assert.Equal(c.IpLayers, p.IpLayerCount);
        if (c.IpLayers > 0)
            Assert.Equal(IpAddress.Parse(p.OuterIp.Version == 4 ? Src : Src6), p.OuterIp.Source);
        if (c.LinkType == LinkType.Ethernet && c.Layer != PacketLayer.Ethernet)
        {
            Assert.True(p.HasMacAddresses);
            Assert.Equal(MacAddress.Read(MacA), p.SourceMac);
        }
        Assert.InRange(p.PayloadOffset + p.PayloadLength, 0, c.Data.Length);
    }

    [Fact]
    public void Every_reason_has_a_case()
    {
        var covered = Cases.Select(c => c.Reason).ToHashSet();
        Assert.All(Enum.GetValues<MalformedReason>().Where(r => r != MalformedReason.None), r => Assert.Contains(r, covered));
    }

    [Fact]
    public void The_same_lie_on_a_snapped_capture_is_not_malformed()
    {
        // A TCP header whose data offset runs past the captured bytes, on a capture that kept 54 of 1514 bytes.
        var frame = Cut(Eth4(Tcp(1, 2, TcpFlags.Ack, Bytes(1440), dataOffsetWords: 15), IpProtocols.Tcp), 54 + 20);
        var p = new SampleFrame("snapped", LinkType.Ethernet, frame, 1514).Decode();
        Assert.False(p.IsMalformed);
        Assert.Equal(4, p.IpVersion);
    }

    [Fact]
    public void Ipv4_layer_with_impossible_total_length_keeps_its_addresses()
    {
        var p = new SampleFrame("beyond", LinkType.Ethernet, Ethernet(EtherTypes.IPv4, Ipv4(Src, Dst, 17, Udp(1, 2, []), totalLength: 1000))).Decode();
        Assert.Equal(IpAddress.Parse(Src), p.InnerIp.Source);
        Assert.Equal(IpAddress.Parse(Dst), p.InnerIp.Destination);
        Assert.Equal(1000, p.InnerIp.TotalLength); // as the header says
        Assert.Equal(0, p.Transport.Protocol);
        Assert.Equal(8, p.PayloadLength); // bounded by the frame
    }
}
