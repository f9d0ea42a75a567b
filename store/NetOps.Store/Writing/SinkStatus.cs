namespace NetOps.Store.Writing;

/// <summary>A snapshot of one sink, for health pages and self-monitoring.</summary>
public sealed record SinkStatus(
    string Name,
    string Url,
    string Database,
    bool Reachable,
    string? ServerVersion,
    string State,
    long SpoolBytes,
    long SpoolCapacityBytes,
    int SpoolBatches,
    long SpoolLines,
    long LinesAccepted,
    long LinesStored,
    long LinesDropped,
    long LinesDroppedSpoolFull,
    long BatchesRejected,
    long Retries,
    DateTimeOffset? LastStoredAt,
    string? LastError,
    DateTimeOffset? LastErrorAt);

/// <summary>Machine words for <see cref="SinkStatus.State"/>.</summary>
public static class SinkStates
{
    public const string Delivering = "delivering";
    public const string Retrying = "retrying";
    public const string Spooling = "spooling";
    public const string SpoolFull = "spool_full";
    public const string Rejecting = "rejecting";
}
