namespace NetOps.Analyzer.Flows;

/// <summary>Bounds and timeouts of a <see cref="FlowTable"/>.</summary>
public sealed record FlowTableOptions
{
    /// <summary>Flows held at most; the pool and the hash index are allocated for this many up front.</summary>
    public int MaxFlows { get; init; } = 262_144;

    /// <summary>A flow with no packet for this long ends (<see cref="Inspection.FlowEndReason.IdleTimeout"/>).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A flow open this long ends at its next packet (<see cref="Inspection.FlowEndReason.ActiveTimeout"/>) and goes on under a new id.</summary>
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a closed TCP flow (FIN both ways, or RST) keeps absorbing late packets (the last ACK, retransmitted FINs) before it ends.</summary>
    public TimeSpan ClosedLinger { get; init; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        if (MaxFlows < 1 || MaxFlows > 1 << 26)
            throw new ArgumentOutOfRangeException(nameof(MaxFlows), MaxFlows, "between 1 and 67,108,864");
        if (IdleTimeout <= TimeSpan.Zero || ActiveTimeout <= TimeSpan.Zero || ClosedLinger < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), "timeouts must be positive");
    }
}
