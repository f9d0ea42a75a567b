using NetOps.Analyzer.Traffic;

namespace NetOps.Analyzer.Pipeline;

/// <summary>What a whole run measured (from <see cref="AnalysisPipeline.Complete"/>).</summary>
public sealed record AnalysisResult
{
    /// <summary>The run's figures as one interval from its first interval's start to its last one's end (Flows.Active is 0: every flow ended).</summary>
    public required TrafficInterval Total { get; init; }

    /// <summary>Per source, in the order they began.</summary>
    public required IReadOnlyList<SourceTotals> Sources { get; init; }

    /// <summary>How many intervals were closed (and handed to <see cref="AnalysisPipeline.IntervalClosed"/>).</summary>
    public required int Intervals { get; init; }

    /// <summary>The largest number of flows open at once.</summary>
    public required int PeakFlows { get; init; }

    /// <summary>The flow table's bound (<see cref="Flows.FlowTableOptions.MaxFlows"/>).</summary>
    public required int FlowCapacity { get; init; }
}
