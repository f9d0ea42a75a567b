using NetOps.Capture;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// Decodes one captured frame into a <see cref="DecodedPacket"/>, layer by layer, without allocating.
/// Each layer is read by its own reader; this class only chains them and applies the bounds: every
/// layer is limited by the lengths of the layers around it (<c>wireEnd</c>: where the enclosing
/// header says its data ends, as an offset into the frame — possibly beyond the captured bytes when
/// the capture was snapped) and by the bytes actually captured.
/// </summary>
public static partial class PacketDecoder
{
    /// <summary>Tunnel encapsulations entered at most; one more is <see cref="MalformedReason.TunnelDepthExceeded"/>.</summary>
    public const int MaxTunnelDepth = 4;

    /// <summary>The largest IP datagram (IPv4 total length, or fragment offset plus fragment data).</summary>
    public const int MaxIpDatagram = 65535;

    /// <summary>IPv6 extension headers per IPv6 header at most.</summary>
    public const int MaxExtensionHeaders = 8;

    /// <summary>Stacked VLAN tags at most.</summary>
    public const int MaxVlanTags = 4;

    /// <summary>MPLS label stack entries at most.</summary>
    public const int MaxMplsLabels = 8;

    /// <summary>LINKTYPE_PPP: PPP, optionally with HDLC address and control bytes.</summary>
    public const LinkType LinkTypePpp = (LinkType)9;

    /// <summary>
    /// Decodes <paramref name="frame"/> (the captured bytes) of link type <paramref name="linkType"/>;
    /// <paramref name="wireLength"/> is the frame's length on the wire (at least the captured length).
    /// </summary>
    public static void Decode(LinkType linkType, ReadOnlySpan<byte> frame, int wireLength, ref DecodedPacket packet)
    {
        packet = default;
        packet.LinkType = linkType;
        packet.CapturedLength = frame.Length;
        packet.WireLength = Math.Max(wireLength, frame.Length);
        packet.IsSnapped = wireLength > frame.Length;
        var wireEnd = packet.WireLength;
        switch (linkType)
        {
            case LinkType.Ethernet:
                DecodeEthernet(frame, 0, wireEnd, ref packet);
                break;
            case LinkType.LinuxSll:
                DecodeLinuxSll(frame, wireEnd, ref packet);
                break;
            case LinkType.LinuxSll2:
                DecodeLinuxSll2(frame, wireEnd, ref packet);
                break;
            case LinkType.Null:
            case LinkType.Loop:
                DecodeLoopback(frame, wireEnd, linkType == LinkType.Loop, ref packet);
                break;
            case LinkType.Raw:
                packet.EtherType = frame.Length > 0 && frame[0] >> 4 == 6 ? EtherTypes.IPv6 : EtherTypes.IPv4;
                DecodeIp(frame, 0, wireEnd, ref packet);
                break;
            case LinkType.RawIpv4:
                packet.EtherType = EtherTypes.IPv4;
                DecodeIPv4(frame, 0, wireEnd, ref packet);
                break;
            case LinkType.RawIpv6:
                packet.EtherType = EtherTypes.IPv6;
                DecodeIPv6(frame, 0, wireEnd, ref packet);
                break;
            case LinkTypePpp:
                DecodePpp(frame, 0, wireEnd, allowAddressControl: true, ref packet);
                break;
            default:
                Fail(ref packet, MalformedReason.UnknownLinkType, PacketLayer.Link);
                break;
        }
    }

    /// <summary>Decodes a frame as its capture header describes it.</summary>
    public static void Decode(in FrameHeader header, ReadOnlySpan<byte> frame, ref DecodedPacket packet) =>
        Decode(header.LinkType, frame, header.OriginalLength, ref packet);

    private static void Fail(ref DecodedPacket packet, MalformedReason reason, PacketLayer layer)
    {
        packet.Malformed = reason;
        packet.MalformedLayer = layer;
    }

    /// <summary>The bytes from <paramref name="offset"/> to the layer's end, as far as they were captured.</summary>
    private static ReadOnlySpan<byte> Available(ReadOnlySpan<byte> frame, int offset, int wireEnd) =>
        offset >= frame.Length || offset >= wireEnd ? default : frame[offset..Math.Min(wireEnd, frame.Length)];

    /// <summary>
    /// Called when a header needs <paramref name="needed"/> bytes that are not there. If the wire had
    /// them (a snapped capture) decoding just ends; otherwise the packet is malformed.
    /// </summary>
    private static void Short(ref DecodedPacket packet, int offset, int wireEnd, int needed, MalformedReason reason, PacketLayer layer)
    {
        if (!(packet.IsSnapped && wireEnd - offset >= needed))
            Fail(ref packet, reason, layer);
    }

    /// <summary>Records the application bytes as starting at <paramref name="offset"/> and ending at the layer's end.</summary>
    private static void SetPayload(ref DecodedPacket packet, ReadOnlySpan<byte> frame, int offset, int wireEnd)
    {
        packet.PayloadOffset = offset;
        packet.PayloadLength = Math.Max(0, Math.Min(wireEnd, frame.Length) - offset);
    }

    /// <summary>Enters one more tunnel; false (and malformed) beyond <see cref="MaxTunnelDepth"/>.</summary>
    private static bool EnterTunnel(ref DecodedPacket packet, TunnelKinds kind, PacketLayer layer)
    {
        if (packet.TunnelDepth >= MaxTunnelDepth)
        {
            Fail(ref packet, MalformedReason.TunnelDepthExceeded, layer);
            return false;
        }
        packet.TunnelDepth++;
        packet.Tunnels |= kind;
        return true;
    }
}
