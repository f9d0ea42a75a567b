namespace NetOps.Capture;

/// <summary>
/// A forward-only source of captured frames: a pcap or pcapng file, or a live libpcap handle.
/// </summary>
public interface IFrameReader : IDisposable
{
    /// <summary>
    /// Reads the next frame. <paramref name="data"/> is valid only until the next call. Returns false
    /// at the end of a file (or when a live capture is stopped).
    /// </summary>
    bool TryReadNext(out FrameHeader header, out ReadOnlySpan<byte> data);
}
