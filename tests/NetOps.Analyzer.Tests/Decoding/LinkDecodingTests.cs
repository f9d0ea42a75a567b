using static NetOps.Analyzer.Tests.Decoding.Build;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>What the decoder makes of each link layer: MACs, EtherType, tags, labels, sessions.</summary>
public sealed class LinkDecodingTests
{
    private static readonly MacAddress A = MacAddress.Read(MacA);
    private static readonly MacAddress B = MacAddress.Read(MacB);

    [Fact]
    public void Ethernet_gives_macs_ethertype_and_the_ip_layer()
    {
        var p = SampleFrames.EthernetUdp.Decode();
        Assert.True(p.HasMacAddresses);
        Assert.Equal(A, p.SourceMac);
        Assert.Equal(B, p.DestinationMac);
        Assert.Equal("02:00:00:00:00:0a", p.SourceMac.ToString());
        Assert.Equal(EtherTypes.IPv4, p.EtherType);
        Assert.Equal(LinkEncapsulations.None, p.LinkEncapsulations);
        Assert.Equal(4, p.IpVersion);
        Assert.False(p.IsMalformed);
        Assert.Equal(SampleFrames.EthernetUdp.Data.Length, p.WireLength);
        Assert.False(p.IsSnapped);
    }

    [Fact]
    public void Ethernet_padding_is_not_payload()
    {
        var p = SampleFrames.EthernetPadded.Decode();
        Assert.Equal(60, p.CapturedLength);
        Assert.Equal(40, p.InnerIp.TotalLength);
        Assert.Equal(14 + 40, p.PayloadOffset);
        Assert.Equal(0, p.PayloadLength);
    }

    [Fact]
    public void An_8023_length_frame_is_llc_and_not_ip()
    {
        var p = SampleFrames.Llc.Decode();
        Assert.Equal(LinkEncapsulations.Llc, p.LinkEncapsulations);
        Assert.Equal(0, p.EtherType);
        Assert.False(p.IsIp);
        Assert.False(p.IsMalformed);
        Assert.Equal(14, p.PayloadOffset);
        Assert.Equal(38, p.PayloadLength); // the 802.3 length, not the frame's end
    }

    [Fact]
    public void Arp_is_not_ip_and_not_malformed()
    {
        var p = SampleFrames.Arp.Decode();
        Assert.Equal(EtherTypes.Arp, p.EtherType);
        Assert.False(p.IsIp);
        Assert.False(p.IsMalformed);
        Assert.True(p.DestinationMac.IsBroadcast);
        Assert.Equal(28, p.PayloadLength);
    }

    [Fact]
    public void Vlan_tag_gives_its_id()
    {
        var p = SampleFrames.Vlan.Decode();
        Assert.Equal(LinkEncapsulations.Vlan, p.LinkEncapsulations);
        Assert.Equal(1, p.VlanCount);
        Assert.Equal(100, p.OuterVlanId);
        Assert.Equal(EtherTypes.IPv6, p.EtherType);
        Assert.Equal(6, p.IpVersion);
        Assert.Equal(IpProtocols.Tcp, p.Transport.Protocol);
    }

    [Fact]
    public void QinQ_gives_service_and_customer_ids()
    {
        var p = SampleFrames.QinQ.Decode();
        Assert.Equal(LinkEncapsulations.QinQ | LinkEncapsulations.Vlan, p.LinkEncapsulations);
        Assert.Equal(2, p.VlanCount);
        Assert.Equal(300, p.OuterVlanId);
        Assert.Equal(42, p.InnerVlanId);
        Assert.Equal(EtherTypes.IPv4, p.EtherType);
        Assert.Equal(53, p.Transport.DestinationPort);
    }

    [Theory]
    [InlineData(EtherTypes.QinQ9100)]
    [InlineData(EtherTypes.QinQ9200)]
    public void Legacy_qinq_tag_protocol_ids_are_tags(ushort tpid)
    {
        var frame = Ethernet(tpid, VlanTag(5, EtherTypes.Vlan, VlanTag(6, EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(1, 2, [])))));
        var p = new SampleFrame("legacy qinq", LinkType.Ethernet, frame).Decode();
        Assert.Equal(2, p.VlanCount);
        Assert.Equal(5, p.OuterVlanId);
        Assert.Equal(6, p.InnerVlanId);
        Assert.Equal(4, p.IpVersion);
    }

    [Fact]
    public void Mpls_gives_top_and_bottom_labels()
    {
        var p = SampleFrames.Mpls.Decode();
        Assert.Equal(LinkEncapsulations.Mpls, p.LinkEncapsulations);
        Assert.Equal(2, p.MplsLabelCount);
        Assert.Equal(1000u, p.MplsTopLabel);
        Assert.Equal(2000u, p.MplsBottomLabel);
        Assert.Equal(EtherTypes.MplsUnicast, p.EtherType);
        Assert.Equal(4, p.IpVersion);
        Assert.Equal(0, p.TunnelDepth);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Mpls_ethernet_pseudowire_is_entered_with_or_without_control_word(bool controlWord)
    {
        var p = (controlWord ? SampleFrames.MplsPseudowire : SampleFrames.MplsPseudowireNoControlWord).Decode();
        Assert.Equal(TunnelKinds.MplsPseudowire, p.Tunnels);
        Assert.Equal(1, p.TunnelDepth);
        Assert.Equal(A, p.SourceMac); // the outer Ethernet's, not the pseudowire's
        Assert.Equal(IpAddress.Parse("192.168.7.1"), p.InnerIp.Source);
        Assert.Equal(80, p.Transport.DestinationPort);
    }

    [Fact]
    public void Mpls_payload_that_is_neither_ip_nor_ethernet_stays_undecoded()
    {
        var frame = Ethernet(EtherTypes.MplsUnicast, Build.Mpls(13, true, Concat([0x10, 0, 0, 0x21], Bytes(30))));
        var p = new SampleFrame("mpls ach", LinkType.Ethernet, frame).Decode();
        Assert.False(p.IsIp);
        Assert.False(p.IsMalformed);
        Assert.Equal(18, p.PayloadOffset);
        Assert.Equal(34, p.PayloadLength);
    }

    [Fact]
    public void Pppoe_session_gives_session_id_and_ppp_protocol()
    {
        var p = SampleFrames.PppoeSession.Decode();
        Assert.Equal(LinkEncapsulations.PppoeSession | LinkEncapsulations.Ppp, p.LinkEncapsulations);
        Assert.Equal(0x1234, p.PppoeSessionId);
        Assert.Equal(PppReader.ProtocolIPv6, p.PppProtocol);
        Assert.Equal(EtherTypes.PppoeSession, p.EtherType);
        Assert.Equal(6, p.IpVersion);
        Assert.Equal(443, p.Transport.DestinationPort);
    }

    [Fact]
    public void Pppoe_discovery_is_not_ip()
    {
        var p = SampleFrames.PppoeDiscovery.Decode();
        Assert.Equal(LinkEncapsulations.PppoeDiscovery, p.LinkEncapsulations);
        Assert.False(p.IsIp);
        Assert.False(p.IsMalformed);
        Assert.Equal(4, p.PayloadLength);
    }

    [Fact]
    public void Pppoe_lcp_is_ppp_but_not_ip()
    {
        var frame = Ethernet(EtherTypes.PppoeSession, Pppoe(0, 7, Ppp(0xc021, [1, 1, 0, 4])));
        var p = new SampleFrame("pppoe lcp", LinkType.Ethernet, frame).Decode();
        Assert.Equal(0xc021, p.PppProtocol);
        Assert.False(p.IsIp);
        Assert.False(p.IsMalformed);
    }

    [Fact]
    public void Linux_sll_gives_the_source_mac_and_follows_vlan_tags()
    {
        var p = SampleFrames.LinuxSll.Decode();
        Assert.True(p.HasMacAddresses);
        Assert.Equal(A, p.SourceMac);
        Assert.Equal(default, p.DestinationMac);
        Assert.Equal(4, p.IpVersion);

        var tagged = SampleFrames.LinuxSllVlan.Decode();
        Assert.Equal(7, tagged.OuterVlanId);
        Assert.Equal(6, tagged.IpVersion);
    }

    [Fact]
    public void Linux_sll_without_a_six_byte_address_has_no_mac()
    {
        var frame = Sll(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(1, 2, [])), arphrd: 65534, address: []);
        var p = new SampleFrame("sll tun", LinkType.LinuxSll, frame).Decode();
        Assert.False(p.HasMacAddresses);
        Assert.Equal(4, p.IpVersion);
    }

    [Fact]
    public void Linux_sll2_is_decoded()
    {
        var p = SampleFrames.LinuxSll2.Decode();
        Assert.Equal(A, p.SourceMac);
        Assert.Equal(EtherTypes.IPv6, p.EtherType);
        Assert.Equal(6, p.IpVersion);
        Assert.Equal(40000, p.Transport.SourcePort);
    }

    [Fact]
    public void Null_and_loop_give_the_ip_version_of_their_family()
    {
        Assert.Equal(4, SampleFrames.Null.Decode().IpVersion);
        Assert.Equal(6, SampleFrames.NullIpv6.Decode().IpVersion);
        Assert.Equal(6, SampleFrames.Loop.Decode().IpVersion);
        // A Null header written on a big-endian host is read too (libpcap swaps it the same way).
        var p = new SampleFrame("null big-endian", LinkType.Null, Loopback(2, Ipv4("127.0.0.1", "127.0.0.1", 17, Udp(1, 2, [])), loop: true)).Decode();
        Assert.Equal(4, p.IpVersion);
    }

    [Fact]
    public void Null_with_another_family_is_not_ip()
    {
        var p = new SampleFrame("null appletalk", LinkType.Null, Loopback(16, Bytes(20))).Decode();
        Assert.False(p.IsIp);
        Assert.False(p.IsMalformed);
    }

    [Fact]
    public void Raw_ip_takes_the_version_from_the_first_nibble()
    {
        Assert.Equal(4, SampleFrames.RawIpv4.Decode().IpVersion);
        Assert.Equal(6, SampleFrames.RawIpv6.Decode().IpVersion);
        var v4 = new SampleFrame("ipv4 link type", LinkType.RawIpv4, SampleFrames.RawIpv4.Data).Decode();
        Assert.Equal(EtherTypes.IPv4, v4.EtherType);
        var v6 = new SampleFrame("ipv6 link type", LinkType.RawIpv6, SampleFrames.RawIpv6.Data).Decode();
        Assert.Equal(6, v6.IpVersion);
    }

    [Fact]
    public void Ppp_link_with_hdlc_address_and_control()
    {
        var frame = Concat([0xff, 0x03], Ppp(PppReader.ProtocolIPv4, Ipv4("10.0.0.1", "10.0.0.2", 6, Tcp(1, 2, TcpFlags.Syn, []))));
        var p = new SampleFrame("ppp", PacketDecoder.LinkTypePpp, frame).Decode();
        Assert.Equal(EtherTypes.IPv4, p.EtherType);
        Assert.Equal(4, p.IpVersion);
        Assert.Equal(IpProtocols.Tcp, p.Transport.Protocol);
    }
}
