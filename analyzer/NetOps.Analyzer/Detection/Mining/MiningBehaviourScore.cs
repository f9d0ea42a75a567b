using System.Globalization;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// The flow-behaviour score: one point each for long-lived, periodic, small exchanges, and opaque to
/// a non-web port (TLS without a known server name, or unrecognized binary). Only ever makes a flow
/// "suspicious", or backs a pool name seen on it; never confirms anything.
/// </summary>
internal readonly record struct MiningBehaviourScore(bool LongLived, bool Periodic, bool Small, bool OpaqueNonWeb)
{
    public int Points => (LongLived ? 1 : 0) + (Periodic ? 1 : 0) + (Small ? 1 : 0) + (OpaqueNonWeb ? 1 : 0);

    /// <summary>Long-lived, periodic and small: what a miner's session looks like whatever wraps it.</summary>
    public bool LooksLikeMining => LongLived && Periodic && Small;

    public static MiningBehaviourScore Of(in FlowBehaviour behaviour, double durationSeconds, bool opaque, ushort serverPort, MiningBehaviourPolicy policy) => new(
        LongLived: durationSeconds >= policy.LongLivedSeconds,
        Periodic: behaviour.Exchanges >= policy.MinExchanges && behaviour.MeanGapSeconds <= policy.MaxMeanGapSeconds && behaviour.GapVariation <= policy.MaxGapVariation,
        Small: behaviour.ClientPackets > 0 && behaviour.ServerPackets > 0
               && behaviour.MeanClientPayload <= policy.MaxMeanClientPayload && behaviour.MeanServerPayload <= policy.MaxMeanServerPayload,
        OpaqueNonWeb: opaque && !policy.WebPorts.Contains(serverPort));

    public string Describe(in FlowBehaviour behaviour, double durationSeconds) => string.Create(CultureInfo.InvariantCulture,
        $"behaviour {Points}/4: {durationSeconds:0} s, {behaviour.Exchanges} exchanges every {behaviour.MeanGapSeconds:0.#} s (cv {behaviour.GapVariation:0.##}), mean payload {behaviour.MeanClientPayload:0}/{behaviour.MeanServerPayload:0} B{(OpaqueNonWeb ? ", opaque to a non-web port" : "")}");
}
