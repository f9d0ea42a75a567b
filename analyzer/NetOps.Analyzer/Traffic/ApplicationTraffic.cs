namespace NetOps.Analyzer.Traffic;

/// <summary>
/// Traffic of one application: the port policy's name (rules/applications/ports.yaml; "other" when no
/// port matched) and, when a detector learned it, the server name. <see cref="Flows"/> counts the
/// flows with traffic in the interval (in a run's totals: the flows that ended, under their final name).
/// </summary>
public sealed record ApplicationTraffic(string Application, string? ServerName, long Packets, long Bytes, long Flows);
