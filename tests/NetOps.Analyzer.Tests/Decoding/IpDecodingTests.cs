using static NetOps.Analyzer.Tests.Decoding.Build;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>IPv4 (options, fragments, offload) and IPv6 (extension headers, fragments) layers.</summary>
public sealed class IpDecodingTests
{
    [Fact]
    public void Ipv4_header_fields()
    {
        var p = SampleFrames.EthernetUdp.Decode();
        var ip = p.InnerIp;
        Assert.Equal(1, p.IpLayerCount);
        Assert.Equal(ip, p.OuterIp);
        Assert.Equal(IpAddress.Parse("10.0.0.1"), ip.Source);
        Assert.Equal(IpAddress.Parse("10.0.0.2"), ip.Destination);
        Assert.True(ip.Source.IsIPv4Mapped);
        Assert.Equal(IpProtocols.Udp, ip.Protocol);
        Assert.Equal(64, ip.HopLimit);
        Assert.Equal(14, ip.Offset);
        Assert.Equal(20, ip.HeaderLength);
        Assert.Equal(20 + 8 + 13, ip.TotalLength);
        Assert.Equal(34, ip.PayloadOffset);
        Assert.False(ip.IsFragment);
    }

    [Fact]
    public void Ipv4_options_are_skipped_by_the_header_length()
    {
        var p = SampleFrames.Ipv4Options.Decode();
        Assert.Equal(28, p.InnerIp.HeaderLength);
        Assert.Equal(IpProtocols.Icmp, p.Transport.Protocol);
        Assert.Equal(14 + 28, p.Transport.Offset);
        Assert.Equal(8, p.Transport.IcmpType);
        Assert.Equal(0x1234, p.Transport.IcmpIdentifier);
    }

    [Fact]
    public void Ipv4_first_fragment_has_its_transport_header_later_ones_none()
    {
        var first = SampleFrames.Ipv4FirstFragment.Decode();
        Assert.True(first.InnerIp.IsFragment);
        Assert.True(first.InnerIp.MoreFragments);
        Assert.False(first.InnerIp.IsLaterFragment);
        Assert.Equal(77u, first.InnerIp.FragmentId);
        Assert.Equal(IpProtocols.Udp, first.Transport.Protocol);
        Assert.Equal(1200, first.Transport.UdpLength); // longer than the fragment, and not malformed
        Assert.False(first.IsMalformed);

        var later = SampleFrames.Ipv4LaterFragment.Decode();
        Assert.True(later.InnerIp.IsLaterFragment);
        Assert.Equal(1480, later.InnerIp.FragmentOffset);
        Assert.Equal(0, later.Transport.Protocol);
        Assert.Equal(34, later.PayloadOffset);
        Assert.Equal(40, later.PayloadLength);
        Assert.False(later.IsMalformed);
    }

    [Fact]
    public void Ipv4_first_fragment_too_short_for_the_tcp_header_is_not_malformed()
    {
        var frame = Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Tcp, Tcp(1, 2, TcpFlags.Syn, [])[..16], moreFragments: true));
        var p = new SampleFrame("tiny fragment", LinkType.Ethernet, frame).Decode();
        Assert.False(p.IsMalformed);
        Assert.Equal(4, p.IpVersion);
        Assert.Equal(0, p.Transport.Protocol);
    }

    [Fact]
    public void Ipv4_total_length_zero_is_segmentation_offload()
    {
        var frame = Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Tcp, Tcp(1, 2, TcpFlags.Ack, Bytes(3000)), totalLength: 0));
        var p = new SampleFrame("tso", LinkType.Ethernet, frame).Decode();
        Assert.False(p.IsMalformed);
        Assert.Equal(3040, p.InnerIp.TotalLength);
        Assert.Equal(3000, p.PayloadLength);
    }

    [Fact]
    public void Ipv4_dont_fragment_flag()
    {
        var frame = Ethernet(EtherTypes.IPv4, Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.Udp, Udp(1, 2, []), dontFragment: true));
        var p = new SampleFrame("df", LinkType.Ethernet, frame).Decode();
        Assert.True(p.InnerIp.DontFragment);
        Assert.False(p.InnerIp.IsFragment);
    }

    [Fact]
    public void Ipv6_header_fields()
    {
        var p = SampleFrames.RawIpv6.Decode();
        var ip = p.InnerIp;
        Assert.Equal(6, ip.Version);
        Assert.Equal(IpAddress.Parse("2001:db8::1"), ip.Source);
        Assert.Equal(IpAddress.Parse("2001:db8::2"), ip.Destination);
        Assert.False(ip.Source.IsIPv4Mapped);
        Assert.Equal(IpProtocols.Tcp, ip.Protocol);
        Assert.Equal(40, ip.HeaderLength);
        Assert.Equal(40 + 28, ip.TotalLength);
        Assert.Equal(Ipv6ExtensionHeaders.None, ip.ExtensionHeaders);
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked_to_the_upper_layer()
    {
        var p = SampleFrames.Ipv6Extensions.Decode();
        var ip = p.InnerIp;
        Assert.Equal(Ipv6ExtensionHeaders.HopByHop | Ipv6ExtensionHeaders.DestinationOptions, ip.ExtensionHeaders);
        Assert.Equal(2, ip.ExtensionHeaderCount);
        Assert.Equal(40 + 8 + 16, ip.HeaderLength);
        Assert.Equal(IpProtocols.Udp, ip.Protocol);
        Assert.Equal(547, p.Transport.DestinationPort);
        Assert.Equal(14 + 64 + 8, p.PayloadOffset);
    }

    [Fact]
    public void Ipv6_routing_header_is_walked()
    {
        var frame = Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Routing, Options(IpProtocols.Tcp, Tcp(1, 22, TcpFlags.Syn, []), units: 2));
        var p = new SampleFrame("routing", LinkType.Raw, frame).Decode();
        Assert.Equal(Ipv6ExtensionHeaders.Routing, p.InnerIp.ExtensionHeaders);
        Assert.Equal(22, p.Transport.DestinationPort);
    }

    [Fact]
    public void Ipv6_fragments()
    {
        var first = SampleFrames.Ipv6FirstFragment.Decode();
        Assert.True(first.InnerIp.IsFragment);
        Assert.True(first.InnerIp.MoreFragments);
        Assert.Equal(0xabcdefu, first.InnerIp.FragmentId);
        Assert.Equal(IpProtocols.Udp, first.InnerIp.Protocol);
        Assert.Equal(IpProtocols.Udp, first.Transport.Protocol);
        Assert.False(first.IsMalformed);

        var later = SampleFrames.Ipv6LaterFragment.Decode();
        Assert.Equal(1448, later.InnerIp.FragmentOffset);
        Assert.False(later.InnerIp.MoreFragments);
        Assert.Equal(0, later.Transport.Protocol);
        Assert.Equal(64, later.PayloadLength);
    }

    [Fact]
    public void Authentication_header_is_walked_in_ipv6_and_after_ipv4()
    {
        var v6 = SampleFrames.Ipv6Authentication.Decode();
        Assert.Equal(Ipv6ExtensionHeaders.Authentication, v6.InnerIp.ExtensionHeaders);
        Assert.Equal(IpProtocols.Tcp, v6.InnerIp.Protocol);
        Assert.Equal(179, v6.Transport.SourcePort);

        var frame = Ipv4("10.0.0.1", "10.0.0.2", IpProtocols.AuthenticationHeader, AuthenticationHeader(IpProtocols.Udp, Udp(500, 500, [])));
        var v4 = new SampleFrame("ipv4 ah", LinkType.Raw, frame).Decode();
        Assert.Equal(IpProtocols.AuthenticationHeader, v4.InnerIp.Protocol); // as the IPv4 header says
        Assert.Equal(500, v4.Transport.DestinationPort);
    }

    [Theory]
    [InlineData(IpProtocols.Esp, Ipv6ExtensionHeaders.EncapsulatingSecurityPayload)]
    [InlineData(IpProtocols.NoNextHeader, Ipv6ExtensionHeaders.NoNextHeader)]
    [InlineData(IpProtocols.Mobility, Ipv6ExtensionHeaders.Other)]
    public void Ipv6_chain_ends_at_esp_no_next_header_and_mobility(byte next, Ipv6ExtensionHeaders kind)
    {
        var p = new SampleFrame("end", LinkType.Raw, Ipv6("2001:db8::1", "2001:db8::2", next, Bytes(24))).Decode();
        Assert.Equal(kind, p.InnerIp.ExtensionHeaders);
        Assert.Equal(next, p.InnerIp.Protocol);
        Assert.Equal(0, p.Transport.Protocol);
        Assert.False(p.IsMalformed);
        Assert.Equal(24, p.PayloadLength);
    }

    [Fact]
    public void Snapped_capture_ends_decoding_quietly_where_the_bytes_end()
    {
        var p = SampleFrames.Snapped.Decode();
        Assert.True(p.IsSnapped);
        Assert.Equal(1514, p.WireLength);
        Assert.Equal(64, p.CapturedLength);
        Assert.False(p.IsMalformed);
        Assert.Equal(1500, p.InnerIp.TotalLength);
        Assert.Equal(IpProtocols.Tcp, p.Transport.Protocol);
        Assert.Equal(64 - 54, p.PayloadLength); // bounded by the captured bytes

        // Snapped inside the TCP header: the IP layer stays, nothing else, still not malformed.
        var cut = new SampleFrame("cut in tcp", LinkType.Ethernet, SampleFrames.Snapped.Data[..40], 1514).Decode();
        Assert.False(cut.IsMalformed);
        Assert.Equal(4, cut.IpVersion);
        Assert.Equal(0, cut.Transport.Protocol);
    }
}
