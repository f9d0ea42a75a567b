namespace NetOps.Analyzer.Decoding;

public static partial class PacketDecoder
{
    /// <summary>Link fields (MACs, VLANs, MPLS, PPPoE) are kept for the outermost link layer only.</summary>
    private static bool IsOutermost(in DecodedPacket packet) => packet.TunnelDepth == 0;

    private static void DecodeEthernet(ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        if (!EthernetReader.TryRead(Available(frame, offset, wireEnd), out var ethernet))
        {
            Short(ref packet, offset, wireEnd, EthernetReader.HeaderLength, MalformedReason.TruncatedEthernet, PacketLayer.Ethernet);
            return;
        }
        if (IsOutermost(packet))
        {
            packet.HasMacAddresses = true;
            packet.DestinationMac = ethernet.Destination;
            packet.SourceMac = ethernet.Source;
        }
        DecodeEtherType(ethernet.TypeOrLength, frame, offset + EthernetReader.HeaderLength, wireEnd, ref packet);
    }

    /// <summary>What follows an EtherType: VLAN tags, then IP, MPLS, PPPoE or a non-IP protocol.</summary>
    private static void DecodeEtherType(ushort type, ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        var outermost = IsOutermost(packet);
        var tags = 0;
        while (EtherTypes.IsVlanTag(type))
        {
            if (!VlanTagReader.TryRead(Available(frame, offset, wireEnd), out var tag))
            {
                Short(ref packet, offset, wireEnd, VlanTagReader.HeaderLength, MalformedReason.TruncatedVlanTag, PacketLayer.Vlan);
                return;
            }
            if (++tags > MaxVlanTags)
            {
                Fail(ref packet, MalformedReason.VlanStackTooDeep, PacketLayer.Vlan);
                return;
            }
            if (outermost)
            {
                packet.LinkEncapsulations |= type == EtherTypes.Vlan ? LinkEncapsulations.Vlan : LinkEncapsulations.QinQ;
                packet.VlanCount = (byte)tags;
                if (tags == 1)
                    packet.OuterVlanId = tag.VlanId;
                else if (tags == 2)
                    packet.InnerVlanId = tag.VlanId;
            }
            type = tag.NextType;
            offset += VlanTagReader.HeaderLength;
        }
        if (outermost)
            packet.EtherType = type <= EtherTypes.MaxLength ? (ushort)0 : type;
        switch (type)
        {
            case EtherTypes.IPv4:
                DecodeIPv4(frame, offset, wireEnd, ref packet);
                return;
            case EtherTypes.IPv6:
                DecodeIPv6(frame, offset, wireEnd, ref packet);
                return;
            case EtherTypes.MplsUnicast:
            case EtherTypes.MplsMulticast:
                DecodeMpls(frame, offset, wireEnd, ref packet);
                return;
            case EtherTypes.PppoeSession:
            case EtherTypes.PppoeDiscovery:
                DecodePppoe(type == EtherTypes.PppoeSession, frame, offset, wireEnd, ref packet);
                return;
        }
        if (type <= EtherTypes.MaxLength)
        {
            // 802.3: the field is the length of the LLC data that follows (the rest is padding).
            if (outermost)
                packet.LinkEncapsulations |= LinkEncapsulations.Llc;
            wireEnd = Math.Min(wireEnd, offset + type);
        }
        SetPayload(ref packet, frame, offset, wireEnd);
    }

    private static void DecodeMpls(ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        var outermost = IsOutermost(packet);
        if (outermost)
            packet.LinkEncapsulations |= LinkEncapsulations.Mpls;
        for (var count = 1; ; count++)
        {
            if (count > MaxMplsLabels)
            {
                Fail(ref packet, MalformedReason.MplsStackTooDeep, PacketLayer.Mpls);
                return;
            }
            if (!MplsEntryReader.TryRead(Available(frame, offset, wireEnd), out var entry))
            {
                Short(ref packet, offset, wireEnd, MplsEntryReader.HeaderLength, MalformedReason.TruncatedMplsLabel, PacketLayer.Mpls);
                return;
            }
            if (outermost)
            {
                packet.MplsLabelCount = (byte)count;
                if (count == 1)
                    packet.MplsTopLabel = entry.Label;
                packet.MplsBottomLabel = entry.Label;
            }
            offset += MplsEntryReader.HeaderLength;
            if (entry.BottomOfStack)
                break;
        }
        var payload = Available(frame, offset, wireEnd);
        SetPayload(ref packet, frame, offset, wireEnd);
        if (payload.IsEmpty)
            return;
        switch (payload[0] >> 4)
        {
            case 4:
                DecodeIPv4(frame, offset, wireEnd, ref packet);
                return;
            case 6:
                DecodeIPv6(frame, offset, wireEnd, ref packet);
                return;
        }
        // An Ethernet pseudowire (RFC 4448), with the control word of RFC 4385 (first nibble 0) or
        // without one. Nothing in the packet says which, so, like Wireshark, look: the reading whose
        // EtherType after the two MACs is one that carries IP is taken; otherwise it stays undecoded.
        if (payload[0] >> 4 == 0 && CarriesIpEtherType(payload, ControlWordLength))
        {
            if (EnterTunnel(ref packet, TunnelKinds.MplsPseudowire, PacketLayer.Ethernet))
                DecodeEthernet(frame, offset + ControlWordLength, wireEnd, ref packet);
        }
        else if (CarriesIpEtherType(payload, 0))
        {
            if (EnterTunnel(ref packet, TunnelKinds.MplsPseudowire, PacketLayer.Ethernet))
                DecodeEthernet(frame, offset, wireEnd, ref packet);
        }
    }

    private const int ControlWordLength = 4;

    /// <summary>True when an Ethernet header starting at <paramref name="start"/> would have an EtherType that leads to IP.</summary>
    private static bool CarriesIpEtherType(ReadOnlySpan<byte> bytes, int start)
    {
        var at = start + EthernetReader.HeaderLength - 2;
        if (bytes.Length < at + 2)
            return false;
        var type = (ushort)(bytes[at] << 8 | bytes[at + 1]);
        return type is EtherTypes.IPv4 or EtherTypes.IPv6 or EtherTypes.MplsUnicast or EtherTypes.PppoeSession || EtherTypes.IsVlanTag(type);
    }

    private static void DecodePppoe(bool session, ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        var outermost = IsOutermost(packet);
        if (!PppoeReader.TryRead(Available(frame, offset, wireEnd), out var pppoe))
        {
            Short(ref packet, offset, wireEnd, PppoeReader.HeaderLength, MalformedReason.TruncatedPppoe, PacketLayer.Pppoe);
            return;
        }
        if (outermost)
        {
            packet.LinkEncapsulations |= session ? LinkEncapsulations.PppoeSession : LinkEncapsulations.PppoeDiscovery;
            packet.PppoeSessionId = pppoe.SessionId;
        }
        var end = offset + PppoeReader.HeaderLength + pppoe.Length;
        if (pppoe.Version != 1 || pppoe.Type != 1 || end > wireEnd)
        {
            Fail(ref packet, MalformedReason.BadPppoeHeader, PacketLayer.Pppoe);
            return;
        }
        offset += PppoeReader.HeaderLength;
        if (!session)
        {
            SetPayload(ref packet, frame, offset, end);
            return;
        }
        DecodePpp(frame, offset, end, allowAddressControl: false, ref packet);
    }

    private static void DecodePpp(ReadOnlySpan<byte> frame, int offset, int wireEnd, bool allowAddressControl, ref DecodedPacket packet)
    {
        if (!PppReader.TryRead(Available(frame, offset, wireEnd), allowAddressControl, out var ppp))
        {
            Short(ref packet, offset, wireEnd, 2, MalformedReason.TruncatedPpp, PacketLayer.Ppp);
            return;
        }
        if (IsOutermost(packet))
        {
            packet.LinkEncapsulations |= LinkEncapsulations.Ppp;
            packet.PppProtocol = ppp.Protocol;
            if (packet.EtherType == 0)
                packet.EtherType = ppp.Protocol switch
                {
                    PppReader.ProtocolIPv4 => EtherTypes.IPv4,
                    PppReader.ProtocolIPv6 => EtherTypes.IPv6,
                    _ => 0,
                };
        }
        offset += ppp.HeaderLength;
        switch (ppp.Protocol)
        {
            case PppReader.ProtocolIPv4:
                DecodeIPv4(frame, offset, wireEnd, ref packet);
                return;
            case PppReader.ProtocolIPv6:
                DecodeIPv6(frame, offset, wireEnd, ref packet);
                return;
            case PppReader.ProtocolMplsUnicast:
                DecodeMpls(frame, offset, wireEnd, ref packet);
                return;
        }
        SetPayload(ref packet, frame, offset, wireEnd);
    }

    private static void DecodeLinuxSll(ReadOnlySpan<byte> frame, int wireEnd, ref DecodedPacket packet)
    {
        if (!LinuxSllReader.TryRead(frame, out var sll))
        {
            Short(ref packet, 0, wireEnd, LinuxSllReader.HeaderLength, MalformedReason.TruncatedLinkHeader, PacketLayer.LinuxSll);
            return;
        }
        DecodeCooked(sll.ArphrdType, sll.AddressLength, sll.Address, sll.Protocol, frame, LinuxSllReader.HeaderLength, wireEnd, ref packet);
    }

    private static void DecodeLinuxSll2(ReadOnlySpan<byte> frame, int wireEnd, ref DecodedPacket packet)
    {
        if (!LinuxSll2Reader.TryRead(frame, out var sll))
        {
            Short(ref packet, 0, wireEnd, LinuxSll2Reader.HeaderLength, MalformedReason.TruncatedLinkHeader, PacketLayer.LinuxSll2);
            return;
        }
        DecodeCooked(sll.ArphrdType, sll.AddressLength, sll.Address, sll.Protocol, frame, LinuxSll2Reader.HeaderLength, wireEnd, ref packet);
    }

    /// <summary>
    /// The rest of an SLL/SLL2 header: a 6-byte Ethernet address is the source MAC; the protocol is an
    /// EtherType, except for netlink, GRE devices and Linux's small ETH_P_* values.
    /// </summary>
    private static void DecodeCooked(ushort arphrd, int addressLength, ReadOnlySpan<byte> address, ushort protocol,
        ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        if (arphrd == LinuxSllReader.ArphrdEthernet && addressLength == 6)
        {
            packet.HasMacAddresses = true;
            packet.SourceMac = MacAddress.Read(address);
        }
        if (arphrd == LinuxSllReader.ArphrdNetlink || protocol <= EtherTypes.MaxLength)
        {
            SetPayload(ref packet, frame, offset, wireEnd);
            return;
        }
        if (arphrd == LinuxSllReader.ArphrdIpGre)
        {
            packet.EtherType = protocol;
            DecodeGrePayload(protocol, frame, offset, wireEnd, ref packet);
            return;
        }
        DecodeEtherType(protocol, frame, offset, wireEnd, ref packet);
    }

    private static void DecodeLoopback(ReadOnlySpan<byte> frame, int wireEnd, bool networkOrder, ref DecodedPacket packet)
    {
        if (!LoopbackReader.TryRead(frame, networkOrder, out var loopback))
        {
            Short(ref packet, 0, wireEnd, LoopbackReader.HeaderLength, MalformedReason.TruncatedLinkHeader, PacketLayer.Loopback);
            return;
        }
        if (loopback.IsIPv4)
        {
            packet.EtherType = EtherTypes.IPv4;
            DecodeIPv4(frame, LoopbackReader.HeaderLength, wireEnd, ref packet);
        }
        else if (loopback.IsIPv6)
        {
            packet.EtherType = EtherTypes.IPv6;
            DecodeIPv6(frame, LoopbackReader.HeaderLength, wireEnd, ref packet);
        }
        else
        {
            SetPayload(ref packet, frame, LoopbackReader.HeaderLength, wireEnd);
        }
    }
}
