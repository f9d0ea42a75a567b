using static NetOps.Analyzer.Tests.Decoding.Build;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>Tunnels are entered and the packet counts as what it carries: the innermost IP layer and its transport.</summary>
public sealed class TunnelDecodingTests
{
    private static void AssertTunnel(DecodedPacket p, TunnelKinds kind, int outerVersion, int innerVersion, byte transport)
    {
        Assert.False(p.IsMalformed, $"{p.Malformed} in {p.MalformedLayer}");
        Assert.Equal(kind, p.Tunnels);
        Assert.Equal(1, p.TunnelDepth);
        Assert.Equal(2, p.IpLayerCount);
        Assert.Equal(outerVersion, p.OuterIp.Version);
        Assert.Equal(innerVersion, p.InnerIp.Version);
        Assert.Equal(innerVersion, p.IpVersion);
        Assert.Equal(transport, p.Transport.Protocol);
    }

    [Fact]
    public void Six_in_four()
    {
        var p = SampleFrames.SixInFour.Decode();
        AssertTunnel(p, TunnelKinds.IPv6InIPv4, 4, 6, IpProtocols.Tcp);
        Assert.Equal(IpAddress.Parse("198.51.100.1"), p.OuterIp.Source);
        Assert.Equal(IpProtocols.IPv6, p.OuterIp.Protocol);
        Assert.Equal(IpAddress.Parse("2001:db8::1"), p.InnerIp.Source);
        Assert.Equal(14 + 20, p.InnerIp.Offset);
        Assert.Equal(443, p.Transport.DestinationPort);
    }

    [Fact]
    public void Four_in_six() => AssertTunnel(SampleFrames.FourInSix.Decode(), TunnelKinds.IPv4InIPv6, 6, 4, IpProtocols.Udp);

    [Fact]
    public void Ip_in_ip() => AssertTunnel(SampleFrames.IpInIp.Decode(), TunnelKinds.IPv4InIPv4, 4, 4, IpProtocols.Udp);

    [Fact]
    public void Six_in_six() => AssertTunnel(SampleFrames.SixInSix.Decode(), TunnelKinds.IPv6InIPv6, 6, 6, IpProtocols.Tcp);

    [Fact]
    public void Gre_with_key_and_sequence_skips_both()
    {
        var p = SampleFrames.GreIpv4.Decode();
        AssertTunnel(p, TunnelKinds.Gre, 4, 4, IpProtocols.Udp);
        Assert.Equal(14 + 20 + 12, p.InnerIp.Offset);
        Assert.Equal(IpAddress.Parse("10.0.0.1"), p.InnerIp.Source);
    }

    [Fact]
    public void Gre_with_checksum_carrying_ipv6()
    {
        var p = SampleFrames.GreChecksumIpv6.Decode();
        AssertTunnel(p, TunnelKinds.Gre, 4, 6, IpProtocols.Tcp);
        Assert.Equal(14 + 20 + 8, p.InnerIp.Offset);
    }

    [Fact]
    public void Gre_transparent_ethernet_bridging_keeps_the_outer_link_fields()
    {
        var p = SampleFrames.GreEthernet.Decode();
        AssertTunnel(p, TunnelKinds.Gre, 4, 4, IpProtocols.Tcp);
        Assert.Equal(MacAddress.Read(MacA), p.SourceMac);
        Assert.Equal(IpAddress.Parse("192.168.7.2"), p.InnerIp.Destination);
        Assert.Equal(13, p.PayloadLength);
    }

    [Fact]
    public void Erspan_type_two_mirrors_ethernet()
    {
        var p = SampleFrames.Erspan2.Decode();
        AssertTunnel(p, TunnelKinds.Gre | TunnelKinds.Erspan, 4, 4, IpProtocols.Tcp);
        Assert.Equal(80, p.Transport.DestinationPort);
    }

    [Fact]
    public void Erspan_type_one_has_no_header()
    {
        var frame = Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre,
            Gre(EtherTypes.ErspanType2, Ethernet(EtherTypes.IPv6, Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Udp, Udp(1, 2, []))))));
        var p = new SampleFrame("erspan i", LinkType.Ethernet, frame).Decode();
        AssertTunnel(p, TunnelKinds.Gre | TunnelKinds.Erspan, 4, 6, IpProtocols.Udp);
    }

    [Fact]
    public void Pptp_carries_ppp()
    {
        var p = SampleFrames.Pptp.Decode();
        AssertTunnel(p, TunnelKinds.Pptp, 4, 4, IpProtocols.Udp);
        Assert.Equal(IpAddress.Parse("172.16.0.5"), p.InnerIp.Source);
        Assert.Equal(0, p.PppProtocol); // PPP of the outermost link only
    }

    [Fact]
    public void Gre_carrying_something_else_is_a_tunnel_with_a_payload()
    {
        var frame = Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre, Gre(0x880b, Bytes(10)));
        var p = new SampleFrame("gre other", LinkType.Raw, frame).Decode();
        Assert.Equal(TunnelKinds.Gre, p.Tunnels);
        Assert.Equal(1, p.IpLayerCount);
        Assert.False(p.IsMalformed);
        Assert.Equal(24, p.PayloadOffset);
        Assert.Equal(10, p.PayloadLength);
    }

    [Fact]
    public void Vxlan_carries_ethernet()
    {
        var p = SampleFrames.Vxlan.Decode();
        AssertTunnel(p, TunnelKinds.Vxlan, 4, 4, IpProtocols.Tcp);
        Assert.Equal(IpAddress.Parse("192.168.7.1"), p.InnerIp.Source);
        Assert.Equal(IpAddress.Parse("198.51.100.1"), p.OuterIp.Source);
        Assert.Equal(MacAddress.Read(MacA), p.SourceMac);
    }

    [Fact]
    public void Teredo_with_origin_indicator()
    {
        var p = SampleFrames.Teredo.Decode();
        AssertTunnel(p, TunnelKinds.Teredo, 4, 6, IpProtocols.Icmpv6);
        Assert.Equal(IpAddress.Parse("2001:0:4136:e378:8000:63bf:3fff:fdd2"), p.InnerIp.Destination);
        Assert.Equal(14 + 20 + 8 + 8, p.InnerIp.Offset);
    }

    [Fact]
    public void Teredo_port_without_ipv6_is_plain_udp()
    {
        var frame = Ipv4("192.0.2.1", "198.51.100.7", IpProtocols.Udp, Udp(40000, TeredoReader.Port, Bytes(20)));
        var p = new SampleFrame("not teredo", LinkType.Raw, frame).Decode();
        Assert.Equal(TunnelKinds.None, p.Tunnels);
        Assert.Equal(IpProtocols.Udp, p.Transport.Protocol);
        Assert.Equal(20, p.PayloadLength);
    }

    [Fact]
    public void Ayiya_forward_is_entered_heartbeat_is_marked()
    {
        var p = SampleFrames.Ayiya.Decode();
        AssertTunnel(p, TunnelKinds.Ayiya, 4, 6, IpProtocols.Tcp);
        Assert.Equal(14 + 20 + 8 + 44, p.InnerIp.Offset);

        var frame = Ipv4("192.0.2.1", "198.51.100.7", IpProtocols.Udp, Udp(AyiyaReader.Port, AyiyaReader.Port, Build.Ayiya(0, IpProtocols.NoNextHeader, [])));
        var heartbeat = new SampleFrame("ayiya heartbeat", LinkType.Raw, frame).Decode();
        Assert.Equal(TunnelKinds.Ayiya, heartbeat.Tunnels);
        Assert.Equal(0, heartbeat.TunnelDepth);
        Assert.Equal(1, heartbeat.IpLayerCount);
        Assert.False(heartbeat.IsMalformed);
    }

    [Fact]
    public void Nested_tunnels_reach_the_innermost_packet()
    {
        // VXLAN in 6in4 in GRE: three tunnels.
        var frame = Ethernet(EtherTypes.IPv4, Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.Gre, Gre(EtherTypes.IPv4,
            Ipv4("10.9.0.1", "10.9.0.2", IpProtocols.IPv6, Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Udp,
                Udp(1, VxlanReader.Port, Build.Vxlan(9, Ethernet(EtherTypes.IPv4, Ipv4("172.20.0.1", "172.20.0.2", IpProtocols.Tcp, Tcp(1, 8080, TcpFlags.Syn, []))))))))));
        var p = new SampleFrame("nested", LinkType.Ethernet, frame).Decode();
        Assert.False(p.IsMalformed);
        Assert.Equal(TunnelKinds.Gre | TunnelKinds.IPv6InIPv4 | TunnelKinds.Vxlan, p.Tunnels);
        Assert.Equal(3, p.TunnelDepth);
        Assert.Equal(4, p.IpLayerCount);
        Assert.Equal(IpAddress.Parse("198.51.100.1"), p.OuterIp.Source);
        Assert.Equal(IpAddress.Parse("172.20.0.1"), p.InnerIp.Source);
        Assert.Equal(8080, p.Transport.DestinationPort);
    }

    [Fact]
    public void Too_many_nested_tunnels_stop_at_the_limit()
    {
        var inner = Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Udp, Udp(1, 2, []));
        for (var i = 0; i <= PacketDecoder.MaxTunnelDepth; i++)
            inner = Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.IPv4, inner);
        var p = new SampleFrame("deep", LinkType.Raw, inner).Decode();
        Assert.Equal(MalformedReason.TunnelDepthExceeded, p.Malformed);
        Assert.Equal(PacketLayer.IPv4, p.MalformedLayer);
        Assert.Equal(PacketDecoder.MaxTunnelDepth, p.TunnelDepth);
        Assert.Equal(PacketDecoder.MaxTunnelDepth + 1, p.IpLayerCount);
    }

    [Fact]
    public void A_tunnel_in_a_first_fragment_is_not_entered()
    {
        var frame = Ipv4("198.51.100.1", "203.0.113.1", IpProtocols.IPv6, Bytes(40, 0x60), moreFragments: true);
        var p = new SampleFrame("fragmented 6in4", LinkType.Raw, frame).Decode();
        Assert.Equal(TunnelKinds.None, p.Tunnels);
        Assert.Equal(1, p.IpLayerCount);
        Assert.False(p.IsMalformed);
    }
}
