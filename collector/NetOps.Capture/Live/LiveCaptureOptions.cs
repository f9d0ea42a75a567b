namespace NetOps.Capture.Live;

/// <summary>How to open a live capture.</summary>
public sealed record LiveCaptureOptions
{
    /// <summary>Interface name as <c>ip link</c> shows it (e.g. a mirror port's eth1).</summary>
    public required string Interface { get; init; }

    /// <summary>Bytes kept of each frame; 262144 (libpcap's maximum) keeps every frame whole.</summary>
    public int Snaplen { get; init; } = 262144;

    /// <summary>Receive frames addressed to other hosts too: a mirror (SPAN) port needs it.</summary>
    public bool Promiscuous { get; init; } = true;

    /// <summary>Kernel ring buffer in bytes (0: libpcap's default, 2 MiB); bursts beyond it are drops (counted in <see cref="KernelStatistics.Dropped"/>).</summary>
    public int BufferSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Longest wait before a partly filled buffer block is delivered, and before <see cref="LiveCapture.Read"/> reports a timeout on a quiet link (above 0, at most 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Deliver each frame as it arrives (lower latency, more CPU) instead of by buffer block.</summary>
    public bool ImmediateMode { get; init; }

    /// <summary>BPF filter (tcpdump syntax); empty captures everything.</summary>
    public string Filter { get; init; } = "";

    /// <summary>Open the capture inside this network namespace (ip netns name, or a path such as /proc/PID/ns/net) instead of the calling thread's.</summary>
    public string? NetworkNamespace { get; init; }
}
