namespace NetOps.Analyzer.Traffic;

/// <summary>
/// Flow-table activity over an interval (or a whole run): flows open at its end, started, ended by
/// reason, and the evictions (also counted in <see cref="EndedEvicted"/> or, for lingering closed
/// flows, in <see cref="EndedClosed"/>) by cause.
/// </summary>
public sealed record FlowCounts
{
    /// <summary>Flows open at the end of the interval (0 at the end of a run).</summary>
    public long Active { get; init; }

    public long Started { get; init; }

    public long EndedClosed { get; init; }

    public long EndedIdleTimeout { get; init; }

    public long EndedActiveTimeout { get; init; }

    public long EndedEvicted { get; init; }

    public long EndedEndOfInput { get; init; }

    /// <summary>Closed TCP flows ended before their linger was over because the table was full.</summary>
    public long EvictedClosedLingerCut { get; init; }

    /// <summary>Open flows with packets in one direction only pushed out by a full table.</summary>
    public long EvictedOneWay { get; init; }

    /// <summary>Open flows with packets in both directions pushed out by a full table.</summary>
    public long EvictedTwoWay { get; init; }

    public long Ended => EndedClosed + EndedIdleTimeout + EndedActiveTimeout + EndedEvicted + EndedEndOfInput;

    public long Evicted => EvictedClosedLingerCut + EvictedOneWay + EvictedTwoWay;
}

/// <summary>Reads <see cref="FlowCounts"/> off a flow table.</summary>
public static class FlowTableCounts
{
    /// <summary>The table's counts since it was made (Active: open now).</summary>
    public static FlowCounts Of(Flows.FlowTable table) => new()
    {
        Active = table.Count,
        Started = table.Started,
        EndedClosed = table.Ended(Inspection.FlowEndReason.Closed),
        EndedIdleTimeout = table.Ended(Inspection.FlowEndReason.IdleTimeout),
        EndedActiveTimeout = table.Ended(Inspection.FlowEndReason.ActiveTimeout),
        EndedEvicted = table.Ended(Inspection.FlowEndReason.Evicted),
        EndedEndOfInput = table.Ended(Inspection.FlowEndReason.EndOfInput),
        EvictedClosedLingerCut = table.Evicted(Flows.FlowEvictionCause.ClosedLingerCut),
        EvictedOneWay = table.Evicted(Flows.FlowEvictionCause.OneWay),
        EvictedTwoWay = table.Evicted(Flows.FlowEvictionCause.TwoWay),
    };

    /// <summary>What happened between <paramref name="earlier"/> and <paramref name="later"/> (Active: the later's).</summary>
    public static FlowCounts Since(this FlowCounts later, FlowCounts earlier) => later with
    {
        Started = later.Started - earlier.Started,
        EndedClosed = later.EndedClosed - earlier.EndedClosed,
        EndedIdleTimeout = later.EndedIdleTimeout - earlier.EndedIdleTimeout,
        EndedActiveTimeout = later.EndedActiveTimeout - earlier.EndedActiveTimeout,
        EndedEvicted = later.EndedEvicted - earlier.EndedEvicted,
        EndedEndOfInput = later.EndedEndOfInput - earlier.EndedEndOfInput,
        EvictedClosedLingerCut = later.EvictedClosedLingerCut - earlier.EvictedClosedLingerCut,
        EvictedOneWay = later.EvictedOneWay - earlier.EvictedOneWay,
        EvictedTwoWay = later.EvictedTwoWay - earlier.EvictedTwoWay,
    };
}
