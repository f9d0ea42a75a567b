namespace NetOps.Analyzer.Decoding;

public static partial class PacketDecoder
{
    private static void DecodeGre(ReadOnlySpan<byte> frame, int offset, int end, ref DecodedPacket packet)
    {
        var bytes = Available(frame, offset, end);
        var reason = GreReader.TryRead(bytes, out var gre);
        if (reason != MalformedReason.None)
        {
            // Only a truncation on a snapped capture is expected; the header's length is unknown then, so the wire decides.
            if (reason == MalformedReason.TruncatedGre && packet.IsSnapped && end > frame.Length)
                return;
            Fail(ref packet, reason, PacketLayer.Gre);
            return;
        }
        var pptp = gre.Version == 1;
        if (!EnterTunnel(ref packet, pptp ? TunnelKinds.Pptp : TunnelKinds.Gre, PacketLayer.Gre))
            return;
        offset += gre.HeaderLength;
        SetPayload(ref packet, frame, offset, end);
        var protocol = gre.ProtocolType;
        if (protocol is EtherTypes.ErspanType2 or EtherTypes.ErspanType3)
        {
            packet.Tunnels |= TunnelKinds.Erspan;
            if (protocol == EtherTypes.ErspanType2 && !gre.HasSequenceNumber)
            {
                DecodeEthernet(frame, offset, end, ref packet); // type I: no ERSPAN header
                return;
            }
            if (!ErspanReader.TryRead(Available(frame, offset, end), protocol == EtherTypes.ErspanType3, out var erspan))
            {
                Short(ref packet, offset, end, protocol == EtherTypes.ErspanType3 ? ErspanReader.Type3HeaderLength : ErspanReader.Type2HeaderLength,
                    MalformedReason.TruncatedErspan, PacketLayer.Erspan);
                return;
            }
            offset += erspan.HeaderLength;
            SetPayload(ref packet, frame, offset, end);
            if (erspan.FrameType == 0)
                DecodeEthernet(frame, offset, end, ref packet);
            return;
        }
        if (pptp)
        {
            if (protocol == EtherTypes.Ppp && offset < end)
                DecodePpp(frame, offset, end, allowAddressControl: true, ref packet);
            return;
        }
        DecodeGrePayload(protocol, frame, offset, end, ref packet);
    }

    /// <summary>A GRE protocol type (an EtherType) after a GRE header or a Linux GRE device.</summary>
    private static void DecodeGrePayload(ushort protocol, ReadOnlySpan<byte> frame, int offset, int end, ref DecodedPacket packet)
    {
        switch (protocol)
        {
            case EtherTypes.IPv4:
                DecodeIPv4(frame, offset, end, ref packet);
                return;
            case EtherTypes.IPv6:
                DecodeIPv6(frame, offset, end, ref packet);
                return;
            case EtherTypes.TransparentEthernetBridging:
                DecodeEthernet(frame, offset, end, ref packet);
                return;
            case EtherTypes.MplsUnicast:
            case EtherTypes.MplsMulticast:
                DecodeMpls(frame, offset, end, ref packet);
                return;
        }
        SetPayload(ref packet, frame, offset, end);
    }

    /// <summary>UDP carrying a tunnel on its well-known port, either side: VXLAN, Teredo, AYIYA.</summary>
    private static void DecodeUdpTunnel(ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> frame, int offset, int end, ref DecodedPacket packet)
    {
        if (sourcePort == VxlanReader.Port || destinationPort == VxlanReader.Port)
            DecodeVxlan(frame, offset, end, ref packet);
        else if (sourcePort == TeredoReader.Port || destinationPort == TeredoReader.Port)
            DecodeTeredo(frame, offset, end, ref packet);
        else if (sourcePort == AyiyaReader.Port || destinationPort == AyiyaReader.Port)
            DecodeAyiya(frame, offset, end, ref packet);
    }

    private static void DecodeVxlan(ReadOnlySpan<byte> frame, int offset, int end, ref DecodedPacket packet)
    {
        if (!VxlanReader.TryRead(Available(frame, offset, end), out _))
        {
            Short(ref packet, offset, end, VxlanReader.HeaderLength, MalformedReason.TruncatedVxlan, PacketLayer.Vxlan);
            return;
        }
        if (EnterTunnel(ref packet, TunnelKinds.Vxlan, PacketLayer.Vxlan))
        {
            SetPayload(ref packet, frame, offset + VxlanReader.HeaderLength, end);
            DecodeEthernet(frame, offset + VxlanReader.HeaderLength, end, ref packet);
        }
    }

    /// <summary>Teredo only when IPv6 follows the indicators: other traffic on port 3544 stays plain UDP.</summary>
    private static void DecodeTeredo(ReadOnlySpan<byte> frame, int offset, int end, ref DecodedPacket packet)
    {
        var reason = TeredoReader.TryRead(Available(frame, offset, end), out var teredo);
        if (reason != MalformedReason.None)
        {
            if (!(packet.IsSnapped && end > frame.Length))
                Fail(ref packet, reason, PacketLayer.Teredo);
            return;
        }
        if (!teredo.CarriesIPv6)
            return;
        if (EnterTunnel(ref packet, TunnelKinds.Teredo, PacketLayer.Teredo))
            DecodeIPv6(frame, offset + teredo.HeaderLength, end, ref packet);
    }

    private static void DecodeAyiya(ReadOnlySpan<byte> frame, int offset, int end, ref DecodedPacket packet)
    {
        var bytes = Available(frame, offset, end);
        if (!AyiyaReader.TryRead(bytes, out var ayiya))
        {
            if (!(packet.IsSnapped && end > frame.Length))
                Fail(ref packet, MalformedReason.TruncatedAyiya, PacketLayer.Ayiya);
            return;
        }
        if (ayiya.Opcode != AyiyaReader.OpcodeForward || ayiya.NextHeader is not (IpProtocols.IPv6 or IpProtocols.IPv4))
        {
            packet.Tunnels |= TunnelKinds.Ayiya; // a heartbeat or echo of the tunnel: nothing inside to enter
            SetPayload(ref packet, frame, offset + ayiya.HeaderLength, end);
            return;
        }
        if (!EnterTunnel(ref packet, TunnelKinds.Ayiya, PacketLayer.Ayiya))
            return;
        offset += ayiya.HeaderLength;
        SetPayload(ref packet, frame, offset, end);
        if (ayiya.NextHeader == IpProtocols.IPv6)
            DecodeIPv6(frame, offset, end, ref packet);
        else
            DecodeIPv4(frame, offset, end, ref packet);
    }
}
