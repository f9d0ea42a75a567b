namespace NetOps.Collector.Capture;

/// <summary>How a <see cref="CaptureSource"/> runs, apart from how its capture is opened.</summary>
public sealed record CaptureSourceOptions
{
    /// <summary>The interface, as the capture_interface tag (the opener decides what is actually opened).</summary>
    public required string Interface { get; init; }

    /// <summary>How often a capture_interface point is written; at most a minute, so libpcap's 32-bit counters cannot wrap unseen.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before opening again after the capture could not be opened or failed.</summary>
    public TimeSpan ReopenDelay { get; init; } = TimeSpan.FromSeconds(5);
}
