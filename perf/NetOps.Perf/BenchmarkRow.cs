namespace NetOps.Perf;

/// <summary>
/// One row of the comparison table: NetOps and its peer on the same input in the same run.
/// <see cref="NetOps"/> is null while the NetOps side does not exist yet: the row shows the peer and fails.
/// </summary>
public sealed record BenchmarkRow(
    string Benchmark,
    double? NetOps,
    double Peer,
    string PeerTool,
    string Unit,
    double TargetRatio,
    bool HigherIsBetter,
    string Note)
{
    public double Ratio => NetOps is { } netOps && Peer > 0 ? netOps / Peer : double.NaN;
    public bool Pass => !double.IsNaN(Ratio) && (HigherIsBetter ? Ratio >= TargetRatio : Ratio <= TargetRatio);
    public string Verdict => NetOps is null ? "NOT MEASURED" : Pass ? "PASS" : "FAIL";
    /// <summary>What the peer column is called in the target (default: the peer tool's first word).</summary>
    public string? TargetName { get; init; }

    public string Target => (HigherIsBetter ? "≥ " : "≤ ") + TargetRatio.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "× " + (TargetName ?? PeerTool.Split(' ')[0]);
}

/// <summary>A benchmark against a peer tool; it starts and stops whatever servers it needs.</summary>
public interface IBenchmark
{
    string Name { get; }
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}

/// <param name="Home">The repository (NETOPS_HOME): var/perf holds inputs built once and reused.</param>
public sealed record BenchmarkSettings(bool Quick, string WorkDirectory, string Home);
