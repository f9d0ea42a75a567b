namespace NetOps.Store.Writing;

public enum SpoolFullPolicy
{
    /// <summary>Writers wait until the server takes batches off the spool: nothing is lost, collection slows.</summary>
    Block,
    /// <summary>New batches for this sink are dropped and counted while its spool is full.</summary>
    DropNewest,
}

/// <summary>Batching, retry and tagging settings shared by every sink of one writer.</summary>
public sealed record StoreWriterOptions
{
    public int BatchMaxLines { get; init; } = 5000;
    public int BatchMaxBytes { get; init; } = 4 * 1024 * 1024;
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Compress request bodies: true, false, or null for automatic — on for remote servers, off for
    /// one on this machine, where compressing only costs CPU the server needs.
    /// </summary>
    public bool? Gzip { get; init; }
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Batches each sink keeps in flight at once. Two let the server parse one while it stores the
    /// other; the spool still acknowledges them in order, so a crash replays from the oldest unsent.
    /// </summary>
    public int MaxInFlight { get; init; } = 2;

    /// <summary>Tags added to every point that does not set them itself (e.g. <c>school</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DefaultTags { get; init; } = [];

    /// <summary>Sealed batches waiting to be spooled; with the open batches this bounds the writer's memory.</summary>
    public int SealedQueueCapacity { get; init; } = 4;

    /// <summary>fsync every spool append and cursor update; only benchmarks of the disk itself turn this off.</summary>
    public bool Fsync { get; init; } = true;

    public long DeadLetterCapacityBytes { get; init; } = 256L * 1024 * 1024;
}

/// <summary>One destination server with its own spool.</summary>
public sealed record SinkOptions(string Name, InfluxEndpoint Endpoint, string SpoolDirectory)
{
    /// <summary>When set, every batch goes to this retention policy instead of the point's own.</summary>
    public string? RetentionPolicyOverride { get; init; }

    public long SpoolCapacityBytes { get; init; } = 1024L * 1024 * 1024;
    public SpoolFullPolicy WhenSpoolFull { get; init; } = SpoolFullPolicy.Block;

    /// <summary>Creates database, retention policies and continuous queries before the first write and after a 404.</summary>
    public Func<InfluxEndpoint, CancellationToken, Task>? LayoutInitializer { get; init; }
}
