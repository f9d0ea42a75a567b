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
    public double Ratio => Peer > 0 ? NetOps / Peer : double.NaN;
    public bool Pass => HigherIsBetter ? Ratio >= TargetRatio : Ratio <= TargetRatio;
    public string Target => (HigherIsBetter ? "≥ " : "≤ ") + TargetRatio.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "× " + PeerTool.Split(' ')[0];
}

/// <summary>A benchmark against a peer tool; it starts and stops whatever servers it needs.</summary>
public interface IBenchmark
{
    string Name { get; }
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}

public sealed record BenchmarkSettings(bool Quick, string WorkDirectory);
