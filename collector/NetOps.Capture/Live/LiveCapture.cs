namespace NetOps.Capture.Live;

/// <summary>
/// Live capture through libpcap. Opening (<see cref="Open"/>) is one step, reading another: a
/// handle opened on a thread that had joined a network namespace keeps capturing there whichever
/// thread reads it, and nothing in it depends on the thread that opened it. Frames come out as spans
/// into libpcap's ring buffer, valid until the next read, with nanosecond timestamps when the kernel
/// offers them (Linux does). One thread reads; <see cref="Stop"/>, <see cref="ReadKernelStatistics"/>
/// and <see cref="Dispose"/> may be called from any other.
/// </summary>
public sealed unsafe partial class LiveCapture : IFrameReader
{
    private readonly PcapHandle _handle;
    private readonly nint _raw;
    private readonly long _fractionToNanos;
    private readonly Lock _lock = new();
    private PcapNative.Stat _lastStat;
    private long _received, _dropped, _interfaceDropped;
    private volatile bool _stopRequested;
    private int _reading;
    private bool _disposed;

    private LiveCapture(PcapHandle handle, string source, LinkType linkType, int snaplen, bool nanoseconds, string? warning)
    {
        _handle = handle;
        var added = false;
        // One reference for the capture's life, so the hot path calls libpcap with the raw pcap_t.
        handle.DangerousAddRef(ref added);
        _raw = handle.DangerousGetHandle();
        Source = source;
        LinkType = linkType;
        Snaplen = snaplen;
        NanosecondTimestamps = nanoseconds;
        _fractionToNanos = nanoseconds ? 1 : 1000;
        Warning = warning;
    }

    /// <summary>The interface (or, for a savefile, the path) read.</summary>
    public string Source { get; }

    public LinkType LinkType { get; }

    /// <summary>Bytes kept of each frame (pcap_snapshot).</summary>
    public int Snaplen { get; }

    /// <summary>The kernel supplies nanosecond timestamps (else microseconds, scaled).</summary>
    public bool NanosecondTimestamps { get; }

    /// <summary>What libpcap warned about on activation (e.g. promiscuous mode not supported), or null.</summary>
    public string? Warning { get; }

    /// <summary>Frames and bytes handed out; a failed read is counted as <see cref="MalformedReason.ReadError"/> with libpcap's message.</summary>
    public CaptureStatistics Statistics { get; } = new();

    /// <summary>Set once a read failed (the interface went away...): libpcap's message. The capture is stopped then.</summary>
    public string? Failure => Statistics.StoppedBy == MalformedReason.ReadError ? Statistics.StopMessage : null;

    /// <summary>
    /// Reads the next frame, or says the read timeout passed with none, or that the capture has
    /// stopped. <paramref name="data"/> is valid until the next call.
    /// </summary>
    public LiveRead Read(out FrameHeader header, out ReadOnlySpan<byte> data)
    {
        header = default;
        data = default;
        if (_stopRequested)
            return LiveRead.Stopped;
        Interlocked.Exchange(ref _reading, 1); // a full fence: the check below cannot move before it
        try
        {
            // Checked again with the flag set: Dispose waits for it, so the handle is still open here.
            if (_stopRequested)
                return LiveRead.Stopped;
            PcapNative.PacketHeader* h;
            byte* bytes;
            var result = PcapNative.NextEx(_raw, &h, &bytes);
            if (result == 1)
            {
                var captured = (int)h->CapturedLength;
                var wire = h->Length < h->CapturedLength ? captured : (int)Math.Min(h->Length, int.MaxValue);
                header = new FrameHeader(h->Seconds * 1_000_000_000L + h->Fraction * _fractionToNanos, captured, wire, LinkType, 0);
                data = new ReadOnlySpan<byte>(bytes, captured);
                Statistics.CountFrame(wire, captured);
                return LiveRead.Frame;
            }
            if (result == 0)
                return LiveRead.Timeout;
            _stopRequested = true;
            if (result != PcapNative.ErrorBreak) // break: stopped, or the end of a savefile
                Statistics.Stop(MalformedReason.ReadError, $"capture on {Source} failed: {PcapNative.Text(PcapNative.GetError(_raw))}");
            return LiveRead.Stopped;
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>The next frame, waiting as long as it takes; false once the capture is stopped.</summary>
    public bool TryReadNext(out FrameHeader header, out ReadOnlySpan<byte> data)
    {
        LiveRead read;
        while ((read = Read(out header, out data)) == LiveRead.Timeout)
        {
        }
        return read == LiveRead.Frame;
    }

    /// <summary>Makes the reading thread's current and later reads return promptly with <see cref="LiveRead.Stopped"/> (pcap_breakloop).</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopRequested = true;
            if (!_disposed)
                PcapNative.BreakLoop(_raw);
        }
    }

    /// <summary>
    /// pcap_stats since the capture started, widened to 64 bits. libpcap's counters are 32-bit:
    /// call this at least once per 2^32 frames (about 5 minutes at 14.88 M frames/s, 10 Gbit/s of
    /// the smallest frames). After <see cref="Dispose"/>, the last values read.
    /// </summary>
    public KernelStatistics ReadKernelStatistics()
    {
        lock (_lock)
        {
            PcapNative.Stat stat;
            if (!_disposed && PcapNative.Stats(_raw, &stat) == 0)
            {
                _received += (uint)(stat.Received - _lastStat.Received);
                _dropped += (uint)(stat.Dropped - _lastStat.Dropped);
                _interfaceDropped += (uint)(stat.InterfaceDropped - _lastStat.InterfaceDropped);
                _lastStat = stat;
            }
            return new KernelStatistics(_received, _dropped, _interfaceDropped);
        }
    }

    /// <summary>Stops the capture, waits for a read in progress to return, and closes the handle (the last statistics are kept).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            ReadKernelStatistics();
            _stopRequested = true;
            Interlocked.MemoryBarrier();
            PcapNative.BreakLoop(_raw);
            // Closing under a thread still inside pcap_next_ex would free its buffer under it; the
            // break wakes it within the read timeout at worst.
            while (Volatile.Read(ref _reading) != 0)
                Thread.Sleep(1);
            _disposed = true;
        }
        _handle.DangerousRelease();
        _handle.Dispose();
    }
}
