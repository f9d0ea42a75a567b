namespace NetOps.Analyzer.Decoding;

public static partial class PacketDecoder
{
    /// <summary>IP whose version is told by its first nibble (raw IP, MPLS, tunnels).</summary>
    private static void DecodeIp(ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        var bytes = Available(frame, offset, wireEnd);
        if (bytes.IsEmpty)
        {
            Short(ref packet, offset, wireEnd, 1, MalformedReason.UnknownIpVersion, PacketLayer.IPv4);
            return;
        }
        switch (bytes[0] >> 4)
        {
            case 4:
                DecodeIPv4(frame, offset, wireEnd, ref packet);
                break;
            case 6:
                DecodeIPv6(frame, offset, wireEnd, ref packet);
                break;
            default:
                Fail(ref packet, MalformedReason.UnknownIpVersion, PacketLayer.IPv4);
                break;
        }
    }

    private static void DecodeIPv4(ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        var bytes = Available(frame, offset, wireEnd);
        if (!Ipv4Reader.TryRead(bytes, out var ip))
        {
            Short(ref packet, offset, wireEnd, Ipv4Reader.MinimumHeaderLength, MalformedReason.TruncatedIPv4, PacketLayer.IPv4);
            return;
        }
        if (ip.Version != 4)
        {
            Fail(ref packet, MalformedReason.BadIPv4Version, PacketLayer.IPv4);
            return;
        }
        var headerLength = ip.HeaderLength;
        var onWire = wireEnd - offset;
        if (headerLength < Ipv4Reader.MinimumHeaderLength || headerLength > onWire)
        {
            Fail(ref packet, MalformedReason.BadIPv4HeaderLength, PacketLayer.IPv4);
            return;
        }
        int totalLength = ip.TotalLength;
        if (totalLength == 0)
            totalLength = onWire; // TCP segmentation offload: the capturing host had not filled it in yet
        // The header itself is whole from here on: a total length it cannot have keeps the layer
        // (its addresses are sound) but ends decoding, and the packet counts as malformed.
        var failure = MalformedReason.None;
        if (totalLength < headerLength)
            failure = MalformedReason.IPv4TotalLengthBelowHeader;
        else if (totalLength > onWire)
            failure = MalformedReason.IPv4TotalLengthBeyondFrame;
        else if (ip.FragmentOffset + totalLength - headerLength > MaxIpDatagram)
            failure = MalformedReason.IPv4FragmentTooLarge;
        var layer = new IpLayer
        {
            Version = 4,
            Source = ip.Source,
            Destination = ip.Destination,
            Protocol = ip.Protocol,
            HopLimit = ip.Ttl,
            TrafficClass = ip.TypeOfService,
            Offset = offset,
            HeaderLength = headerLength,
            TotalLength = totalLength,
            FragmentId = ip.Identification,
            FragmentOffset = ip.FragmentOffset,
            MoreFragments = ip.MoreFragments,
            DontFragment = ip.DontFragment,
        };
        layer.IsFragment = layer.MoreFragments || layer.FragmentOffset != 0;
        AddIpLayer(ref packet, layer);
        var end = offset + Math.Clamp(totalLength, headerLength, onWire);
        SetPayload(ref packet, frame, offset + headerLength, end);
        if (failure != MalformedReason.None)
        {
            Fail(ref packet, failure, PacketLayer.IPv4);
            return;
        }
        if (headerLength > bytes.Length || layer.IsLaterFragment)
            return;
        DecodeIpPayload(ip.Protocol, frame, offset + headerLength, end, layer.IsFragment, ref packet);
    }

    private static void DecodeIPv6(ReadOnlySpan<byte> frame, int offset, int wireEnd, ref DecodedPacket packet)
    {
        if (!Ipv6Reader.TryRead(Available(frame, offset, wireEnd), out var ip))
        {
            Short(ref packet, offset, wireEnd, Ipv6Reader.HeaderLength, MalformedReason.TruncatedIPv6, PacketLayer.IPv6);
            return;
        }
        if (ip.Version != 6)
        {
            Fail(ref packet, MalformedReason.BadIPv6Version, PacketLayer.IPv6);
            return;
        }
        var totalLength = Ipv6Reader.HeaderLength + ip.PayloadLength;
        // As for IPv4: the fixed header is whole, so a payload length beyond the frame keeps the layer and ends decoding.
        var lengthBeyondFrame = totalLength > wireEnd - offset;
        var end = offset + Math.Min(totalLength, wireEnd - offset);
        var layer = new IpLayer
        {
            Version = 6,
            Source = ip.Source,
            Destination = ip.Destination,
            HopLimit = ip.HopLimit,
            TrafficClass = ip.TrafficClass,
            Offset = offset,
            TotalLength = totalLength,
        };
        var next = ip.NextHeader;
        var position = offset + Ipv6Reader.HeaderLength;
        var failure = MalformedReason.None;
        var stopped = false;
        while (Ipv6ExtensionReader.IsExtension(next))
        {
            if (layer.ExtensionHeaderCount >= MaxExtensionHeaders)
            {
                failure = MalformedReason.ExtensionHeaderChainTooLong;
                break;
            }
            var bytes = Available(frame, position, end);
            if (!Ipv6ExtensionReader.TryRead(bytes, next, out var extension))
            {
                // Whether the header would have fit on the wire decides snapped (quiet) versus malformed.
                var needed = bytes.Length >= 2 ? ExtensionLength(next, bytes[1]) : 8;
                if (packet.IsSnapped && end - position >= needed)
                    stopped = true;
                else
                    failure = MalformedReason.TruncatedExtensionHeader;
                break;
            }
            layer.ExtensionHeaderCount++;
            layer.ExtensionHeaders |= next switch
            {
                IpProtocols.HopByHop => Ipv6ExtensionHeaders.HopByHop,
                IpProtocols.Routing => Ipv6ExtensionHeaders.Routing,
                IpProtocols.Fragment => Ipv6ExtensionHeaders.Fragment,
                IpProtocols.DestinationOptions => Ipv6ExtensionHeaders.DestinationOptions,
                _ => Ipv6ExtensionHeaders.Authentication,
            };
            if (next == IpProtocols.Fragment)
            {
                layer.IsFragment = true;
                layer.FragmentOffset = extension.FragmentOffset;
                layer.MoreFragments = extension.MoreFragments;
                layer.FragmentId = extension.FragmentId;
            }
            position += extension.Length;
            next = extension.NextHeader;
        }
        layer.ExtensionHeaders |= next switch
        {
            IpProtocols.Esp => Ipv6ExtensionHeaders.EncapsulatingSecurityPayload,
            IpProtocols.NoNextHeader => Ipv6ExtensionHeaders.NoNextHeader,
            IpProtocols.Mobility or IpProtocols.Hip or IpProtocols.Shim6 => Ipv6ExtensionHeaders.Other,
            _ => Ipv6ExtensionHeaders.None,
        };
        layer.Protocol = next;
        layer.HeaderLength = position - offset;
        AddIpLayer(ref packet, layer);
        SetPayload(ref packet, frame, position, end);
        if (lengthBeyondFrame)
        {
            Fail(ref packet, MalformedReason.BadIPv6PayloadLength, PacketLayer.IPv6);
            return;
        }
        if (failure != MalformedReason.None)
        {
            Fail(ref packet, failure, PacketLayer.IPv6Extension);
            return;
        }
        if (stopped || layer.IsLaterFragment)
            return;
        DecodeIpPayload(next, frame, position, end, layer.IsFragment, ref packet);
    }

    private static int ExtensionLength(byte kind, byte lengthField) => kind switch
    {
        IpProtocols.Fragment => 8,
        IpProtocols.AuthenticationHeader => (lengthField + 2) * 4,
        _ => (lengthField + 1) * 8,
    };

    private static void AddIpLayer(ref DecodedPacket packet, in IpLayer layer)
    {
        if (packet.IpLayerCount == 0)
            packet.OuterIp = layer;
        packet.InnerIp = layer;
        packet.IpLayerCount++;
        packet.Transport = default;
    }

    /// <summary>What an IP header (after its options or extension headers) carries.</summary>
    private static void DecodeIpPayload(byte protocol, ReadOnlySpan<byte> frame, int offset, int end, bool fragment, ref DecodedPacket packet)
    {
        switch (protocol)
        {
            case IpProtocols.Tcp:
                DecodeTcp(frame, offset, end, fragment, ref packet);
                return;
            case IpProtocols.Udp:
                DecodeUdp(frame, offset, end, fragment, ref packet);
                return;
            case IpProtocols.Icmp:
                DecodeIcmp(frame, offset, end, fragment, ref packet);
                return;
            case IpProtocols.Icmpv6:
                DecodeIcmpv6(frame, offset, end, fragment, ref packet);
                return;
            case IpProtocols.AuthenticationHeader:
                DecodeAuthenticationHeader(frame, offset, end, fragment, ref packet);
                return;
        }
        if (fragment)
            return; // a tunnel's first fragment: the inner packet is incomplete
        switch (protocol)
        {
            case IpProtocols.IPv6:
                if (EnterTunnel(ref packet, packet.InnerIp.Version == 4 ? TunnelKinds.IPv6InIPv4 : TunnelKinds.IPv6InIPv6, PacketLayer.IPv6))
                    DecodeIPv6(frame, offset, end, ref packet);
                return;
            case IpProtocols.IPv4:
                if (EnterTunnel(ref packet, packet.InnerIp.Version == 4 ? TunnelKinds.IPv4InIPv4 : TunnelKinds.IPv4InIPv6, PacketLayer.IPv4))
                    DecodeIPv4(frame, offset, end, ref packet);
                return;
            case IpProtocols.Gre:
                DecodeGre(frame, offset, end, ref packet);
                return;
        }
    }

    /// <summary>An authentication header after IPv4 (in IPv6 it is walked as an extension header).</summary>
    private static void DecodeAuthenticationHeader(ReadOnlySpan<byte> frame, int offset, int end, bool fragment, ref DecodedPacket packet)
    {
        var bytes = Available(frame, offset, end);
        if (!Ipv6ExtensionReader.TryRead(bytes, IpProtocols.AuthenticationHeader, out var ah))
        {
            Short(ref packet, offset, end, bytes.Length >= 2 ? ExtensionLength(IpProtocols.AuthenticationHeader, bytes[1]) : 8,
                MalformedReason.TruncatedExtensionHeader, PacketLayer.IPv6Extension);
            return;
        }
        if (ah.NextHeader == IpProtocols.AuthenticationHeader)
            return; // AH in AH: nothing sensible follows
        // The IPv4 layer keeps protocol 51 as its header says; the transport after AH is still decoded.
        SetPayload(ref packet, frame, offset + ah.Length, end);
        DecodeIpPayload(ah.NextHeader, frame, offset + ah.Length, end, fragment, ref packet);
    }
}
