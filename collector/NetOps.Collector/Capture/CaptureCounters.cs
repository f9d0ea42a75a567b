using NetOps.Capture.Live;

namespace NetOps.Collector.Capture;

/// <summary>
/// A capture source's counters since it started, across reopenings of its interface: libpcap's
/// (received, dropped, dropped by the interface) and the frames and bytes read.
/// </summary>
public readonly record struct CaptureCounters(
    long PacketsReceived, long PacketsDropped, long PacketsIfDropped, long FramesRead, long Bytes, long CapturedBytes)
{
    internal static CaptureCounters Of(LiveCapture capture)
    {
        var kernel = capture.ReadKernelStatistics();
        var counted = capture.Statistics;
        return new(kernel.Received, kernel.Dropped, kernel.InterfaceDropped, counted.Frames, counted.Bytes, counted.CapturedBytes);
    }

    public static CaptureCounters operator +(CaptureCounters a, CaptureCounters b) => new(
        a.PacketsReceived + b.PacketsReceived, a.PacketsDropped + b.PacketsDropped, a.PacketsIfDropped + b.PacketsIfDropped,
        a.FramesRead + b.FramesRead, a.Bytes + b.Bytes, a.CapturedBytes + b.CapturedBytes);
}
