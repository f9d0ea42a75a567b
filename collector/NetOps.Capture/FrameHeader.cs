namespace NetOps.Capture;

/// <summary>
/// What a capture says about one frame besides its bytes.
/// </summary>
/// <param name="TimestampNanos">Capture time, nanoseconds since the Unix epoch (UTC).</param>
/// <param name="CapturedLength">Bytes captured (the span handed out with the header).</param>
/// <param name="OriginalLength">Bytes on the wire (tshark's frame.len); at least CapturedLength.</param>
/// <param name="LinkType">Link-layer type of this frame (pcapng files may mix interfaces).</param>
/// <param name="InterfaceId">pcapng interface id, or 0.</param>
public readonly record struct FrameHeader(long TimestampNanos, int CapturedLength, int OriginalLength, LinkType LinkType, int InterfaceId);
