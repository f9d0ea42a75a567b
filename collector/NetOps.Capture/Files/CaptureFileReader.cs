namespace NetOps.Capture.Files;

/// <summary>
/// A pcap or pcapng file read forward through one reusable buffer. Frames come out as spans into
/// that buffer; nothing is allocated per frame. Damage inside the file never throws: it is counted
/// in <see cref="Statistics"/> by reason, and the reader skips the record or stops cleanly.
/// </summary>
public abstract class CaptureFileReader : IFrameReader
{
    /// <summary>The largest captured length accepted (libpcap's and Wireshark's maximum snaplen).</summary>
    public const int MaxFrameLength = 256 * 1024;

    private protected readonly FileWindow Window;
    private protected bool Stopped;

    private protected CaptureFileReader(string path, CaptureFileFormat format, FileWindow window)
    {
        Path = path;
        Format = format;
        Window = window;
    }

    public string Path { get; }

    public CaptureFileFormat Format { get; }

    public CaptureStatistics Statistics { get; } = new();

    /// <summary>File length when opened.</summary>
    public long Length => Window.Length;

    /// <summary>Bytes of the file consumed so far (for progress).</summary>
    public long Position => Window.Position;

    public abstract bool TryReadNext(out FrameHeader header, out ReadOnlySpan<byte> data);

    /// <summary>Counts a stop by the file ending early (or a read failing), and refuses every later read.</summary>
    private protected void StopTruncated(MalformedReason reason, string what)
    {
        if (Window.ReadError is { } error)
            Stop(MalformedReason.ReadError, $"read failed at offset {Window.Position}: {error}");
        else
            Stop(reason, $"the file ends inside {what} at offset {Window.Position}");
    }

    private protected void Stop(MalformedReason reason, string message)
    {
        Stopped = true;
        Statistics.Stop(reason, message);
    }

    public void Dispose()
    {
        Window.Dispose();
        GC.SuppressFinalize(this);
    }
}
