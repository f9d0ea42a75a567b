namespace NetOps.Analyzer.Decoding;

/// <summary>
/// Transport headers. In a first fragment (<c>fragment</c>) the datagram goes on in the next
/// fragments, so a header cut by the fragment's end is expected there, not malformed: it is left
/// undecoded, as in a snapped capture.
/// </summary>
public static partial class PacketDecoder
{
    private static void ShortTransport(ref DecodedPacket packet, int offset, int end, int needed, bool fragment, MalformedReason reason, PacketLayer layer)
    {
        if (!fragment)
            Short(ref packet, offset, end, needed, reason, layer);
    }

    private static void DecodeTcp(ReadOnlySpan<byte> frame, int offset, int end, bool fragment, ref DecodedPacket packet)
    {
        var bytes = Available(frame, offset, end);
        if (!TcpReader.TryRead(bytes, out var tcp))
        {
            // A data offset below 5 is wrong however many bytes follow: say so when its byte is there.
            if (TcpReader.PeekHeaderLength(bytes) is >= 0 and < TcpReader.MinimumHeaderLength)
                Fail(ref packet, MalformedReason.BadTcpDataOffset, PacketLayer.Tcp);
            else
                ShortTransport(ref packet, offset, end, TcpReader.MinimumHeaderLength, fragment, MalformedReason.TruncatedTcp, PacketLayer.Tcp);
            return;
        }
        var headerLength = tcp.HeaderLength;
        if (headerLength < TcpReader.MinimumHeaderLength)
        {
            Fail(ref packet, MalformedReason.BadTcpDataOffset, PacketLayer.Tcp);
            return;
        }
        if (headerLength > end - offset)
        {
            if (!fragment)
                Fail(ref packet, MalformedReason.TruncatedTcp, PacketLayer.Tcp);
            return;
        }
        ref var transport = ref packet.Transport;
        transport.Protocol = IpProtocols.Tcp;
        transport.Offset = offset;
        transport.HeaderLength = headerLength;
        transport.HasPorts = true;
        transport.SourcePort = tcp.SourcePort;
        transport.DestinationPort = tcp.DestinationPort;
        transport.SequenceNumber = tcp.SequenceNumber;
        transport.AcknowledgementNumber = tcp.AcknowledgementNumber;
        transport.TcpFlags = tcp.Flags;
        transport.Window = tcp.Window;
        SetPayload(ref packet, frame, offset + headerLength, end);
    }

    private static void DecodeUdp(ReadOnlySpan<byte> frame, int offset, int end, bool fragment, ref DecodedPacket packet)
    {
        if (!UdpReader.TryRead(Available(frame, offset, end), out var udp))
        {
            ShortTransport(ref packet, offset, end, UdpReader.HeaderLength, fragment, MalformedReason.TruncatedUdp, PacketLayer.Udp);
            return;
        }
        // A first fragment holds only part of the datagram the length speaks of.
        var length = udp.Length;
        if (length < UdpReader.HeaderLength || (!fragment && length > end - offset))
        {
            Fail(ref packet, MalformedReason.UdpLengthMismatch, PacketLayer.Udp);
            return;
        }
        ref var transport = ref packet.Transport;
        transport.Protocol = IpProtocols.Udp;
        transport.Offset = offset;
        transport.HeaderLength = UdpReader.HeaderLength;
        transport.HasPorts = true;
        transport.SourcePort = udp.SourcePort;
        transport.DestinationPort = udp.DestinationPort;
        transport.UdpLength = length;
        var udpEnd = Math.Min(end, offset + length);
        var payload = offset + UdpReader.HeaderLength;
        SetPayload(ref packet, frame, payload, udpEnd);
        if (!fragment)
            DecodeUdpTunnel(udp.SourcePort, udp.DestinationPort, frame, payload, udpEnd, ref packet);
    }

    private static void DecodeIcmp(ReadOnlySpan<byte> frame, int offset, int end, bool fragment, ref DecodedPacket packet)
    {
        if (!IcmpReader.TryRead(Available(frame, offset, end), out var icmp))
        {
            ShortTransport(ref packet, offset, end, IcmpReader.HeaderLength, fragment, MalformedReason.TruncatedIcmp, PacketLayer.Icmp);
            return;
        }
        ref var transport = ref packet.Transport;
        transport.Protocol = IpProtocols.Icmp;
        transport.Offset = offset;
        transport.HeaderLength = IcmpReader.HeaderLength;
        transport.IcmpType = icmp.Type;
        transport.IcmpCode = icmp.Code;
        if (icmp.HasIdentifier)
            transport.IcmpIdentifier = icmp.Identifier;
        SetPayload(ref packet, frame, offset + IcmpReader.HeaderLength, end);
    }

    private static void DecodeIcmpv6(ReadOnlySpan<byte> frame, int offset, int end, bool fragment, ref DecodedPacket packet)
    {
        var bytes = Available(frame, offset, end);
        if (!Icmpv6Reader.TryRead(bytes, out var icmp))
        {
            var needed = bytes.IsEmpty ? Icmpv6Reader.MinimumLength : Icmpv6Reader.FixedLength(bytes[0]);
            ShortTransport(ref packet, offset, end, needed, fragment, MalformedReason.TruncatedIcmpv6, PacketLayer.Icmpv6);
            return;
        }
        ref var transport = ref packet.Transport;
        transport.Protocol = IpProtocols.Icmpv6;
        transport.Offset = offset;
        transport.HeaderLength = icmp.HeaderLength;
        transport.IcmpType = icmp.Type;
        transport.IcmpCode = icmp.Code;
        if (icmp.IsEcho)
            transport.IcmpIdentifier = icmp.Identifier;
        if (icmp.HasTarget)
        {
            transport.HasNdTarget = true;
            transport.NdTarget = icmp.Target;
        }
        SetPayload(ref packet, frame, offset + icmp.HeaderLength, end);
        if (!icmp.IsNeighborDiscovery)
            return;
        var options = new NdOptionReader(icmp.Body);
        while (options.Read())
        {
            if (options.IsLinkLayerAddress && !transport.HasNdLinkLayerAddress)
            {
                transport.HasNdLinkLayerAddress = true;
                transport.NdLinkLayerAddress = options.LinkLayerAddress;
            }
        }
        // Options cut by the snap length are expected; options that lie about their length are not.
        if (options.Error && !fragment && !(packet.IsSnapped && frame.Length < end))
            Fail(ref packet, MalformedReason.BadNeighborDiscoveryOption, PacketLayer.Icmpv6);
    }
}
