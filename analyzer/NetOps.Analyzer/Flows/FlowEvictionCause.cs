namespace NetOps.Analyzer.Flows;

/// <summary>
/// Which kind of flow was pushed out when a new flow met a full table. The table first cuts short a
/// closed TCP flow's linger, then ends the least recently seen open flow: the cause tells apart
/// harmless evictions from lost state (a flood of one-way flows, e.g. a scan, or real conversations).
/// </summary>
public enum FlowEvictionCause
{
    /// <summary>A closed TCP flow ended before its linger time was over (reported as <see cref="Inspection.FlowEndReason.Closed"/>).</summary>
    ClosedLingerCut,

    /// <summary>The least recently seen open flow had packets in one direction only.</summary>
    OneWay,

    /// <summary>The least recently seen open flow had packets in both directions.</summary>
    TwoWay,
}
