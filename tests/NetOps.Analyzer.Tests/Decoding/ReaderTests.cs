using static NetOps.Analyzer.Tests.Decoding.Build;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>Each protocol reader on its own, over hand-built headers: the fields the packet does not carry included.</summary>
public sealed class ReaderTests
{
    [Fact]
    public void Ethernet()
    {
        Assert.False(EthernetReader.TryRead(Bytes(13), out _));
        Assert.True(EthernetReader.TryRead(Build.Ethernet(38, Bytes(38)), out var r));
        Assert.Equal(MacAddress.Read(MacB), r.Destination);
        Assert.Equal(MacAddress.Read(MacA), r.Source);
        Assert.True(r.IsLengthFrame);
        Assert.Equal(38, r.Payload.Length);
        Assert.True(MacAddress.Read(Bytes(6, 0xff)).IsBroadcast);
        Assert.True(MacAddress.Read([0x01, 0x00, 0x5e, 0, 0, 1]).IsGroup);
        Assert.False(MacAddress.Read(MacA).IsGroup);
    }

    [Fact]
    public void Vlan_tag()
    {
        Assert.False(VlanTagReader.TryRead(Bytes(3), out _));
        Assert.True(VlanTagReader.TryRead(VlanTag(4094, EtherTypes.IPv6, [], priority: 7), out var r));
        Assert.Equal(4094, r.VlanId);
        Assert.Equal(7, r.Priority);
        Assert.False(r.DropEligible);
        Assert.Equal(EtherTypes.IPv6, r.NextType);
        Assert.True(VlanTagReader.TryRead([0x10, 0x01, 0x08, 0x00], out var dei));
        Assert.True(dei.DropEligible);
        Assert.Equal(1, dei.VlanId);
    }

    [Fact]
    public void Mpls_entry()
    {
        Assert.False(MplsEntryReader.TryRead(Bytes(3), out _));
        Assert.True(MplsEntryReader.TryRead([0xff, 0xff, 0xfb, 0x40, 0xaa], out var r)); // label 1048575, TC 5, S, TTL 64
        Assert.Equal(0xFFFFFu, r.Label);
        Assert.Equal(5, r.TrafficClass);
        Assert.True(r.BottomOfStack);
        Assert.Equal(64, r.Ttl);
        Assert.Equal(1, r.Payload.Length);
    }

    [Fact]
    public void Pppoe_and_ppp()
    {
        Assert.False(PppoeReader.TryRead(Bytes(5), out _));
        Assert.True(PppoeReader.TryRead(Pppoe(0x65, 0xbeef, Bytes(4)), out var r));
        Assert.Equal(1, r.Version);
        Assert.Equal(1, r.Type);
        Assert.Equal(0x65, r.Code);
        Assert.Equal(0xbeef, r.SessionId);
        Assert.Equal(4, r.Length);

        Assert.True(PppReader.TryRead([0x21, 0x45], allowAddressControl: false, out var compressed));
        Assert.Equal(PppReader.ProtocolIPv4, compressed.Protocol);
        Assert.Equal(1, compressed.HeaderLength);
        Assert.True(PppReader.TryRead([0xff, 0x03, 0x00, 0x57], allowAddressControl: true, out var hdlc));
        Assert.Equal(PppReader.ProtocolIPv6, hdlc.Protocol);
        Assert.Equal(4, hdlc.HeaderLength);
        Assert.False(PppReader.TryRead([0xff, 0x03, 0x00], allowAddressControl: true, out _));
        Assert.False(PppReader.TryRead([], allowAddressControl: false, out _));
    }

    [Fact]
    public void Linux_sll_and_sll2()
    {
        Assert.False(LinuxSllReader.TryRead(Bytes(15), out _));
        Assert.True(LinuxSllReader.TryRead(Sll(EtherTypes.IPv6, []), out var v1));
        Assert.Equal(0, v1.PacketType);
        Assert.Equal(LinuxSllReader.ArphrdEthernet, v1.ArphrdType);
        Assert.Equal(6, v1.AddressLength);
        Assert.Equal(MacAddress.Read(MacA), MacAddress.Read(v1.Address));
        Assert.Equal(EtherTypes.IPv6, v1.Protocol);

        Assert.False(LinuxSll2Reader.TryRead(Bytes(19), out _));
        Assert.True(LinuxSll2Reader.TryRead(Sll2(EtherTypes.IPv4, Bytes(3)), out var v2));
        Assert.Equal(EtherTypes.IPv4, v2.Protocol);
        Assert.Equal(1u, v2.InterfaceIndex);
        Assert.Equal(1, v2.ArphrdType);
        Assert.Equal(6, v2.AddressLength);
        Assert.Equal(3, v2.Payload.Length);
    }

    [Theory]
    [InlineData(2u, false, true, false)]
    [InlineData(24u, false, false, true)]
    [InlineData(28u, false, false, true)]
    [InlineData(30u, false, false, true)]
    [InlineData(10u, false, false, true)]
    [InlineData(2u, true, true, false)]
    [InlineData(7u, false, false, false)]
    public void Loopback_families(uint family, bool loop, bool ipv4, bool ipv6)
    {
        Assert.True(LoopbackReader.TryRead(Loopback(family, [], loop), loop, out var r));
        Assert.Equal(family, r.Family);
        Assert.Equal(ipv4, r.IsIPv4);
        Assert.Equal(ipv6, r.IsIPv6);
    }

    [Fact]
    public void Ipv4()
    {
        var header = Build.Ipv4("192.0.2.1", "198.51.100.2", 6, [], options: [1, 1, 1, 0], id: 0x1234, dontFragment: true, ttl: 3);
        Assert.False(Ipv4Reader.TryRead(header[..19], out _));
        Assert.True(Ipv4Reader.TryRead(header, out var r));
        Assert.Equal(4, r.Version);
        Assert.Equal(24, r.HeaderLength);
        Assert.Equal(24, r.TotalLength);
        Assert.Equal(0x1234, r.Identification);
        Assert.True(r.DontFragment);
        Assert.False(r.MoreFragments);
        Assert.False(r.ReservedFlag);
        Assert.Equal(3, r.Ttl);
        Assert.Equal(6, r.Protocol);
        Assert.Equal(IpAddress.Parse("192.0.2.1"), r.Source);
        Assert.Equal(IpAddress.Parse("198.51.100.2"), r.Destination);
        Assert.Equal([1, 1, 1, 0], r.Options.ToArray());
        Assert.NotEqual(0, r.HeaderChecksum);
        var fragment = Build.Ipv4("192.0.2.1", "198.51.100.2", 17, [], moreFragments: true, fragmentOffset: 2960);
        Assert.True(Ipv4Reader.TryRead(fragment, out var f));
        Assert.True(f.MoreFragments);
        Assert.Equal(2960, f.FragmentOffset);
    }

    [Fact]
    public void Ipv6()
    {
        var header = Build.Ipv6("2001:db8::1", "ff02::1", 58, [], hopLimit: 1);
        header[0] = 0x6b; // traffic class 0xb8 (EF), flow label 0x12345
        header[1] = 0x81;
        header[2] = 0x23;
        header[3] = 0x45;
        Assert.False(Ipv6Reader.TryRead(header[..39], out _));
        Assert.True(Ipv6Reader.TryRead(header, out var r));
        Assert.Equal(6, r.Version);
        Assert.Equal(0xb8, r.TrafficClass);
        Assert.Equal(0x12345u, r.FlowLabel);
        Assert.Equal(0, r.PayloadLength);
        Assert.Equal(58, r.NextHeader);
        Assert.Equal(1, r.HopLimit);
        Assert.Equal(IpAddress.Parse("ff02::1"), r.Destination);
    }

    [Fact]
    public void Ipv6_extension_headers()
    {
        Assert.True(Ipv6ExtensionReader.IsExtension(IpProtocols.HopByHop));
        Assert.False(Ipv6ExtensionReader.IsExtension(IpProtocols.Esp));
        Assert.False(Ipv6ExtensionReader.TryRead(Bytes(7), IpProtocols.DestinationOptions, out _));

        Assert.True(Ipv6ExtensionReader.TryRead(Options(IpProtocols.Tcp, [], units: 1), IpProtocols.HopByHop, out var options));
        Assert.Equal(16, options.Length);
        Assert.Equal(IpProtocols.Tcp, options.NextHeader);
        Assert.False(Ipv6ExtensionReader.TryRead(Options(IpProtocols.Tcp, [], units: 1)[..15], IpProtocols.HopByHop, out _));

        Assert.True(Ipv6ExtensionReader.TryRead(Fragment(IpProtocols.Udp, 1232, true, 0xfeedface, []), IpProtocols.Fragment, out var fragment));
        Assert.Equal(8, fragment.Length);
        Assert.Equal(1232, fragment.FragmentOffset);
        Assert.True(fragment.MoreFragments);
        Assert.Equal(0xfeedfaceu, fragment.FragmentId);

        Assert.True(Ipv6ExtensionReader.TryRead([IpProtocols.Tcp, 2, 4, 1, 0, 0, 0, 0, .. Bytes(16, 0)], IpProtocols.Routing, out var routing));
        Assert.Equal(24, routing.Length);
        Assert.Equal(4, routing.RoutingType);
        Assert.Equal(1, routing.SegmentsLeft);

        Assert.True(Ipv6ExtensionReader.TryRead(AuthenticationHeader(IpProtocols.Udp, []), IpProtocols.AuthenticationHeader, out var ah));
        Assert.Equal(24, ah.Length);
        Assert.Equal(0x100u, ah.SecurityParametersIndex);
        Assert.Equal(IpProtocols.AuthenticationHeader, ah.Kind);
    }

    [Fact]
    public void Gre_version_0_with_every_optional_field()
    {
        var gre = Build.Gre(EtherTypes.TransparentEthernetBridging, Bytes(3), key: 0xcafe, sequence: 99, checksum: true);
        Assert.Equal(MalformedReason.None, GreReader.TryRead(gre, out var r));
        Assert.Equal(0, r.Version);
        Assert.True(r.HasChecksum);
        Assert.Equal(EtherTypes.TransparentEthernetBridging, r.ProtocolType);
        Assert.Equal(16, r.HeaderLength);
        Assert.True(r.HasKey);
        Assert.Equal(0xcafeu, r.Key);
        Assert.True(r.HasSequenceNumber);
        Assert.Equal(99u, r.SequenceNumber);
        Assert.False(r.HasAcknowledgementNumber);
        Assert.Equal(3, r.Payload.Length);
        Assert.Equal(MalformedReason.TruncatedGre, GreReader.TryRead(gre[..15], out _));

        Assert.Equal(MalformedReason.None, GreReader.TryRead(Build.Gre(EtherTypes.IPv4, []), out var plain));
        Assert.Equal(4, plain.HeaderLength);
        Assert.False(plain.HasKey);
        Assert.Equal(0u, plain.Key);
    }

    [Fact]
    public void Gre_rfc1701_routing_entries_are_skipped()
    {
        // R bit: checksum/offset word, then source route entries (family, offset, length, data) until length 0.
        byte[] gre = [0x40, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0x08, 0x00, 0, 4, 10, 0, 0, 1, 0, 0, 0, 0, 0x45];
        Assert.Equal(MalformedReason.None, GreReader.TryRead(gre, out var r));
        Assert.Equal(20, r.HeaderLength);
        Assert.Equal(MalformedReason.TruncatedGre, GreReader.TryRead(gre[..18], out _));
    }

    [Fact]
    public void Gre_version_1_is_pptp()
    {
        var pptp = Build.Pptp(0x0102, Bytes(7), sequence: 5);
        Assert.Equal(MalformedReason.None, GreReader.TryRead(pptp, out var r));
        Assert.Equal(1, r.Version);
        Assert.Equal(EtherTypes.Ppp, r.ProtocolType);
        Assert.Equal(7, r.PptpPayloadLength);
        Assert.Equal(0x0102u, r.Key & 0xFFFF);
        Assert.Equal(5u, r.SequenceNumber);
        Assert.Equal(12, r.HeaderLength);
        byte[] withAck = [0x30, 0x81, 0x88, 0x0b, 0, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 8];
        Assert.Equal(MalformedReason.None, GreReader.TryRead(withAck, out var ack));
        Assert.True(ack.HasAcknowledgementNumber);
        Assert.Equal(8u, ack.AcknowledgementNumber);
        Assert.Equal(MalformedReason.BadGreHeader, GreReader.TryRead([0x00, 0x01, 0x88, 0x0b], out _));
        Assert.Equal(MalformedReason.BadGreHeader, GreReader.TryRead([0x00, 0x07, 0x08, 0x00], out _));
    }

    [Fact]
    public void Erspan_types_two_and_three()
    {
        Assert.True(ErspanReader.TryRead([0x10, 0x64, 0x04, 0x05, 0, 0, 0, 0], type3: false, out var two));
        Assert.Equal(1, two.Version);
        Assert.Equal(100, two.Vlan);
        Assert.Equal(5, two.SessionId);
        Assert.Equal(8, two.HeaderLength);
        Assert.Equal(0, two.FrameType);
        Assert.False(ErspanReader.TryRead(Bytes(7), type3: false, out _));

        byte[] three = [0x20, 0, 0, 7, 0, 0, 0, 1, 0, 0, 2 << 2, 0];
        Assert.True(ErspanReader.TryRead(three, type3: true, out var r));
        Assert.Equal(2, r.Version);
        Assert.Equal(12, r.HeaderLength);
        Assert.Equal(2, r.FrameType);
        byte[] platform = [.. three[..11], 1, .. Bytes(8, 0)];
        Assert.True(ErspanReader.TryRead(platform, type3: true, out var withPlatform));
        Assert.Equal(20, withPlatform.HeaderLength);
        Assert.False(ErspanReader.TryRead(platform[..19], type3: true, out _));
    }

    [Fact]
    public void Vxlan()
    {
        Assert.False(VxlanReader.TryRead(Bytes(7), out _));
        Assert.True(VxlanReader.TryRead(Build.Vxlan(0xABCDEF, Bytes(2)), out var r));
        Assert.True(r.HasNetworkId);
        Assert.Equal(0xABCDEFu, r.NetworkId);
        Assert.Equal(2, r.Payload.Length);
    }

    [Fact]
    public void Teredo_indicators()
    {
        var ipv6 = Build.Ipv6("2001::1", "2001::2", 59, []);
        Assert.Equal(MalformedReason.None, TeredoReader.TryRead(TeredoOrigin(ipv6), out var origin));
        Assert.True(origin.HasOrigin);
        Assert.False(origin.HasAuthentication);
        Assert.Equal(3544, origin.OriginPort);
        Assert.Equal(IpAddress.Parse("192.0.2.1"), origin.OriginAddress);
        Assert.Equal(8, origin.HeaderLength);
        Assert.True(origin.CarriesIPv6);

        byte[] authentication = [0, 1, 2, 3, 0xa, 0xa, 0xb, 0xb, 0xb, .. Bytes(8, 0), 0];
        Assert.Equal(MalformedReason.None, TeredoReader.TryRead([.. authentication, .. TeredoOrigin(ipv6)], out var both));
        Assert.True(both.HasAuthentication);
        Assert.True(both.HasOrigin);
        Assert.Equal(18 + 8, both.HeaderLength);
        Assert.True(both.CarriesIPv6);

        Assert.Equal(MalformedReason.None, TeredoReader.TryRead(ipv6, out var bare));
        Assert.Equal(0, bare.HeaderLength);
        Assert.True(bare.CarriesIPv6);
        Assert.Equal(MalformedReason.None, TeredoReader.TryRead(Bytes(12, 0x45), out var other));
        Assert.False(other.CarriesIPv6);
        Assert.Equal(MalformedReason.TruncatedTeredo, TeredoReader.TryRead(authentication[..10], out _));
    }

    [Fact]
    public void Ayiya()
    {
        var ayiya = Build.Ayiya(AyiyaReader.OpcodeForward, IpProtocols.IPv6, Bytes(5));
        Assert.True(AyiyaReader.TryRead(ayiya, out var r));
        Assert.Equal(16, r.IdentityLength);
        Assert.Equal(1, r.IdentityType);
        Assert.Equal(20, r.SignatureLength);
        Assert.Equal(AyiyaReader.OpcodeForward, r.Opcode);
        Assert.Equal(IpProtocols.IPv6, r.NextHeader);
        Assert.Equal(1_300_000_000u, r.EpochTime);
        Assert.Equal(44, r.HeaderLength);
        Assert.Equal(5, r.Payload.Length);
        Assert.False(AyiyaReader.TryRead(ayiya[..43], out _));
    }

    [Fact]
    public void Tcp()
    {
        var tcp = Build.Tcp(1, 2, TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, [], options: [2, 4, 0x05, 0xb4]);
        Assert.False(TcpReader.TryRead(tcp[..19], out _));
        Assert.Equal(24, TcpReader.PeekHeaderLength(tcp[..13]));
        Assert.Equal(-1, TcpReader.PeekHeaderLength(tcp[..12]));
        Assert.True(TcpReader.TryRead(tcp, out var r));
        Assert.Equal(24, r.HeaderLength);
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, r.Flags);
        Assert.Equal(65535, r.Window);
        Assert.Equal(0, r.UrgentPointer);
        Assert.Equal([2, 4, 0x05, 0xb4], r.Options.ToArray());
    }

    [Fact]
    public void Udp()
    {
        Assert.False(UdpReader.TryRead(Bytes(7), out _));
        Assert.True(UdpReader.TryRead(Build.Udp(68, 67, Bytes(300)), out var r));
        Assert.Equal(68, r.SourcePort);
        Assert.Equal(67, r.DestinationPort);
        Assert.Equal(308, r.Length);
        Assert.Equal(0, r.Checksum);
        Assert.Equal(300, r.Payload.Length);
    }

    [Fact]
    public void Icmp()
    {
        Assert.False(IcmpReader.TryRead(Bytes(7), out _));
        Assert.True(IcmpReader.TryRead(Build.Icmp(0, 0, 7, 9, Bytes(4)), out var echo));
        Assert.True(echo.HasIdentifier);
        Assert.Equal(7, echo.Identifier);
        Assert.Equal(9, echo.SequenceNumber);
        Assert.Equal(4, echo.Payload.Length);
        Assert.True(IcmpReader.TryRead(Build.Icmp(11, 0, 0, 0, []), out var exceeded));
        Assert.False(exceeded.HasIdentifier);
    }

    [Fact]
    public void Icmpv6_fixed_parts()
    {
        Assert.Equal(24, Icmpv6Reader.FixedLength(Icmpv6Reader.NeighborSolicitation));
        Assert.Equal(40, Icmpv6Reader.FixedLength(Icmpv6Reader.Redirect));
        Assert.Equal(8, Icmpv6Reader.FixedLength(Icmpv6Reader.PacketTooBig));
        Assert.Equal(4, Icmpv6Reader.FixedLength(143)); // MLDv2 report: body not walked

        Assert.True(Icmpv6Reader.TryRead(RouterAdvertisement(), out var ra));
        Assert.Equal(64, ra.RouterHopLimit);
        Assert.Equal(1800, ra.RouterLifetime);
        Assert.True(ra.IsNeighborDiscovery);
        Assert.False(ra.HasTarget);
        Assert.False(Icmpv6Reader.TryRead(RouterAdvertisement()[..15], out _));

        Assert.True(Icmpv6Reader.TryRead(NeighborAdvertisement("fe80::9"), out var na));
        Assert.Equal(0b011, na.AdvertisementFlags); // solicited, override
        Assert.Equal(IpAddress.Parse("fe80::9"), na.Target);

        byte[] redirect = [137, 0, 0, 0, 0, 0, 0, 0, .. System.Net.IPAddress.Parse("fe80::1").GetAddressBytes(), .. System.Net.IPAddress.Parse("2001:db8::5").GetAddressBytes()];
        Assert.True(Icmpv6Reader.TryRead(redirect, out var rd));
        Assert.True(rd.HasTarget);
        Assert.Equal(IpAddress.Parse("2001:db8::5"), rd.RedirectDestination);
    }

    [Fact]
    public void Nd_options_are_walked_in_order()
    {
        byte[] options = [.. LinkLayerOption(1, MacA), 5, 1, 0, 0, 0, 0, 0x05, 0xdc, 2, 2, .. Bytes(14, 0x11)];
        var r = new NdOptionReader(options);
        Assert.True(r.Read());
        Assert.Equal(NdOptionReader.SourceLinkLayerAddress, r.Type);
        Assert.True(r.IsLinkLayerAddress);
        Assert.Equal(MacAddress.Read(MacA), r.LinkLayerAddress);
        Assert.True(r.Read());
        Assert.Equal(NdOptionReader.Mtu, r.Type);
        Assert.Equal(6, r.Value.Length);
        Assert.True(r.Read());
        Assert.Equal(NdOptionReader.TargetLinkLayerAddress, r.Type);
        Assert.False(r.IsLinkLayerAddress); // 16 bytes long: not a 6-byte MAC
        Assert.False(r.Read());
        Assert.False(r.Error);

        var bad = new NdOptionReader([1, 0, 0, 0, 0, 0, 0, 0]);
        Assert.False(bad.Read());
        Assert.True(bad.Error);
    }

    [Fact]
    public void Ip_addresses_format_and_compare()
    {
        var v4 = IpAddress.Parse("192.0.2.1");
        Assert.True(v4.IsIPv4Mapped);
        Assert.Equal(0xC0000201u, v4.IPv4Value);
        Assert.Equal("192.0.2.1", v4.ToString());
        Assert.Equal("::ffff:192.0.2.1", v4.ToIPv6String());
        Assert.Equal("2001:db8::1", IpAddress.Parse("2001:db8::1").ToString());
        Assert.True(IpAddress.Parse("10.0.0.1") < IpAddress.Parse("10.0.0.2"));
        Assert.Equal(IpAddress.FromIPv4(0x0A000001), IpAddress.Parse("10.0.0.1"));
    }
}
