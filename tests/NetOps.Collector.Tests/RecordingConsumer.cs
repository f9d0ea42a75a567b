using NetOps.Capture;

namespace NetOps.Collector.Tests;

/// <summary>A frame consumer that counts what it is given and on which threads; it throws on one chosen frame.</summary>
internal sealed class RecordingConsumer(long throwOnFrame = 0) : IFrameConsumer
{
    private readonly HashSet<int> _threads = [];
    private long _frames, _bytes, _idles, _ends;

    public long Frames => Interlocked.Read(ref _frames);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Idles => Interlocked.Read(ref _idles);
    public long Ends => Interlocked.Read(ref _ends);

    public IReadOnlySet<int> Threads
    {
        get
        {
            lock (_threads)
                return _threads.ToHashSet();
        }
    }

    public void OnFrame(in FrameHeader header, ReadOnlySpan<byte> frame)
    {
        Seen();
        Interlocked.Add(ref _bytes, header.OriginalLength);
        if (Interlocked.Increment(ref _frames) == throwOnFrame)
            throw new InvalidOperationException("the consumer's own bug");
    }

    public void OnIdle(long nowNanos)
    {
        Seen();
        Interlocked.Increment(ref _idles);
    }

    public void OnEnd()
    {
        Seen();
        Interlocked.Increment(ref _ends);
    }

    private void Seen()
    {
        lock (_threads)
            _threads.Add(Environment.CurrentManagedThreadId);
    }
}
