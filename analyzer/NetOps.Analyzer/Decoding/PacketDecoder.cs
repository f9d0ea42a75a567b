namespace NetOps.Analyzer.Decoding;

/// <summary>Decodes one captured frame into a <see cref="DecodedPacket"/>, layer by layer.</summary>
public static partial class PacketDecoder
{
    /// <summary>Tunnel encapsulations entered at most; one more is <see cref="MalformedReason.TunnelDepthExceeded"/>.</summary>
    public const int MaxTunnelDepth = 4;

    /// <summary>IPv6 extension headers per IPv6 header at most.</summary>
    public const int MaxExtensionHeaders = 8;

    /// <summary>Stacked VLAN tags at most.</summary>
    public const int MaxVlanTags = 4;

    /// <summary>MPLS label stack entries at most.</summary>
    public const int MaxMplsLabels = 8;
}
