namespace NetOps.Analyzer.Inspection;

/// <summary>
/// The sink every detector reports to during one analysis (a capture file set, or the live path):
/// one entry per (flow, kind, protocol), the strongest confidence kept, first/last seen widened on
/// every report, and each entry completed with what the other feeds know — the user holding the
/// client address (identity timeline) and the server's name (application detectors) — so each
/// detection stands as evidence alone.
/// </summary>
public sealed class DetectionLog : IDetectionSink
{
    private readonly Dictionary<(ulong Flow, string Kind, string Protocol), Detection> _entries = new();
    private readonly List<(ulong Flow, string Kind, string Protocol)> _order = new();
    private readonly IIdentityLookup? _identity;
    private readonly IServerNames? _serverNames;

    public DetectionLog(IIdentityLookup? identity = null, IServerNames? serverNames = null)
    {
        _identity = identity;
        _serverNames = serverNames;
    }

    /// <summary>Raised once for every new entry and again whenever an entry's confidence rises (live alerting).</summary>
    public event Action<Detection>? Raised;

    public int Count => _entries.Count;

    public void Report(Detection detection)
    {
        var key = (detection.FlowId, detection.Kind, detection.Protocol);
        var completed = Complete(detection);
        if (!_entries.TryGetValue(key, out var existing))
        {
            _entries[key] = completed;
            _order.Add(key);
            Raised?.Invoke(completed);
            return;
        }

        var stronger = completed.Confidence > existing.Confidence;
        var merged = (stronger ? completed : existing) with
        {
            FirstSeenNanos = Math.Min(existing.FirstSeenNanos, completed.FirstSeenNanos),
            LastSeenNanos = Math.Max(existing.LastSeenNanos, completed.LastSeenNanos),
            User = existing.User ?? completed.User,
            ServerName = existing.ServerName ?? completed.ServerName,
            ClientMac = existing.ClientMac ?? completed.ClientMac,
        };
        _entries[key] = merged;
        if (stronger)
            Raised?.Invoke(merged);
    }

    /// <summary>Every entry, in the order first reported, with names and users filled in where they became known later.</summary>
    public IReadOnlyList<Detection> Snapshot()
    {
        var list = new List<Detection>(_order.Count);
        foreach (var key in _order)
            list.Add(Complete(_entries[key]));
        return list;
    }

    private Detection Complete(Detection detection)
    {
        var user = detection.User;
        var mac = detection.ClientMac;
        if ((user is null || mac is null) && _identity?.Lookup(detection.Client, detection.FirstSeenNanos) is { } who)
        {
            user ??= who.User;
            mac ??= who.Mac;
        }

        var serverName = detection.ServerName;
        if (serverName is null && _serverNames is not null && _serverNames.TryGetServerName(detection.FlowId, out var name))
            serverName = name;

        return user == detection.User && mac == detection.ClientMac && serverName == detection.ServerName
            ? detection
            : detection with { User = user, ClientMac = mac, ServerName = serverName };
    }
}
