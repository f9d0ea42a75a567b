using NetOps.Analyzer.Flows;
using NetOps.Analyzer.Traffic;

namespace NetOps.Analyzer.Pipeline;

/// <summary>How an <see cref="AnalysisPipeline"/> runs: its flow table, interval, bounds and port policy.</summary>
public sealed record AnalysisOptions
{
    public FlowTableOptions Flows { get; init; } = new();

    /// <summary>Length of a <see cref="TrafficInterval"/>, by capture time; intervals are aligned to multiples of it since the Unix epoch.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many top talkers an interval (and the run's total) lists.</summary>
    public int TopHosts { get; init; } = 20;

    /// <summary>Hosts (and MACs, and IPv6 sources) tracked per interval and per run at most.</summary>
    public int MaxHosts { get; init; } = 100_000;

    /// <summary>Application rows (application × server name) per interval and per run at most; beyond, traffic goes to the application without a name.</summary>
    public int MaxApplicationRows { get; init; } = 10_000;

    /// <summary>The port policy (rules/applications/ports.yaml, loaded with <see cref="ApplicationPorts.Load"/>).</summary>
    public ApplicationPorts Applications { get; init; } = ApplicationPorts.Empty;

    public void Validate()
    {
        Flows.Validate();
        if (Interval < TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "at least one second");
        if (TopHosts < 0 || MaxHosts < 1 || MaxApplicationRows < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxHosts), "bounds must be positive");
    }
}
