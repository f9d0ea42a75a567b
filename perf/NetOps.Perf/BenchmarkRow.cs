namespace NetOps.Perf;

/// <summary>One row of the comparison table: NetOps and its peer on the same input in the same run.</summary>
public sealed record BenchmarkRow(
    string Benchmark,
    double NetOps,
    double Peer,
    string PeerTool,
    string Unit,
    double TargetRatio,
    bool HigherIsBetter,
    string Note)
{
    /// <summary>A target that is not a ratio (e.g. "a 60 s cycle at ≤ 50 % of a core"); when set it decides the verdict and the ratio is only shown.</summary>
    public string? AbsoluteTarget { get; init; }
    public bool AbsolutePass { get; init; }

    public double Ratio => Peer > 0 ? NetOps / Peer : double.NaN;
    public bool Pass => AbsoluteTarget is not null ? AbsolutePass : HigherIsBetter ? Ratio >= TargetRatio : Ratio <= TargetRatio;
    public string Target => AbsoluteTarget ?? (HigherIsBetter ? "≥ " : "≤ ") + TargetRatio.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "× " + PeerTool.Split(' ')[0];
}

/// <summary>A benchmark against a peer tool; it starts and stops whatever servers it needs.</summary>
public interface IBenchmark
{
    string Name { get; }
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}

/// <param name="Home">The repository (NETOPS_HOME): var/perf holds inputs built once and reused.</param>
public sealed record BenchmarkSettings(bool Quick, string WorkDirectory, string Home);
