using NetOps.Capture.Live;

namespace NetOps.Capture.Tests.Live;

/// <summary>Reads a live capture on a thread of its own (not the one that opened it), keeping a copy of every frame.</summary>
internal sealed class FrameRecorder(LiveCapture capture)
{
    private readonly List<(FrameHeader Header, byte[] Data)> _frames = [];
    private Thread? _thread;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int ReaderThreadId { get; private set; }

    public IReadOnlyList<(FrameHeader Header, byte[] Data)> Frames
    {
        get
        {
            lock (_frames)
                return [.. _frames];
        }
    }

    public void Start()
    {
        _thread = new Thread(() =>
        {
            ReaderThreadId = Environment.CurrentManagedThreadId;
            while (capture.TryReadNext(out var header, out var data))
            {
                lock (_frames)
                    _frames.Add((header, data.ToArray()));
                Interlocked.Increment(ref _count);
            }
        }) { IsBackground = true, Name = "test capture reader" };
        _thread.Start();
    }

    /// <summary>Waits until frames seen plus frames the kernel dropped reach <paramref name="expected"/>, then a little longer for any extra frame, and stops the capture.</summary>
    public async Task<KernelStatistics> CompleteAsync(long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Count + capture.ReadKernelStatistics().Dropped < expected && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await Task.Delay(300); // a frame too many would show up here
        capture.Stop();
        Assert.True(_thread!.Join(TimeSpan.FromSeconds(5)), "the reader did not return after Stop");
        return capture.ReadKernelStatistics();
    }
}
