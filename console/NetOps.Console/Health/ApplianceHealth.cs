namespace NetOps.WebConsole.Health;

/// <summary>Where the console's health page and API get their facts from.</summary>
public interface IHealthSource
{
    ValueTask<ApplianceHealth> GetHealthAsync(CancellationToken cancellationToken);
}

/// <summary>Serialized as "ok", "degraded", "down".</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(HealthStatusJsonConverter))]
public enum HealthStatus { Ok, Degraded, Down }

internal sealed class HealthStatusJsonConverter() : System.Text.Json.Serialization.JsonStringEnumConverter<HealthStatus>(System.Text.Json.JsonNamingPolicy.CamelCase);

public sealed record StoreSinkHealth(
    string Name,
    string Url,
    string Database,
    bool Reachable,
    string? ServerVersion,
    string State,
    long SpoolBytes,
    long SpoolCapacityBytes,
    long SpoolBatches,
    long LinesAccepted,
    long LinesStored,
    long LinesDropped,
    DateTimeOffset? LastStoredAt,
    string? LastError);

public sealed record ApplianceHealth(
    HealthStatus Status,
    string School,
    string SchoolName,
    string Version,
    DateTimeOffset CheckedAt,
    TimeSpan Uptime,
    IReadOnlyList<StoreSinkHealth> Store)
{
    /// <summary>
    /// Down when the school's own store (the first sink) can take nothing more: unreachable and its
    /// spool full. Degraded when any sink is unreachable, retrying, spooling, full or refusing
    /// writes — data is safe on disk but not where people look. Ok otherwise.
    /// </summary>
    public static HealthStatus Derive(IReadOnlyList<StoreSinkHealth> sinks)
    {
        if (sinks.Count == 0)
            return HealthStatus.Down;
        var own = sinks[0];
        if (!own.Reachable && (own.State == "spool_full" || own.SpoolCapacityBytes <= 0))
            return HealthStatus.Down;
        return sinks.Any(s => !s.Reachable || s.State != "delivering") ? HealthStatus.Degraded : HealthStatus.Ok;
    }
}
