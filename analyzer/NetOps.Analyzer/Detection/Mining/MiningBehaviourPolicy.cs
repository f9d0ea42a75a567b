namespace NetOps.Analyzer.Mining;

/// <summary>
/// Thresholds of the flow-behaviour score and the Stratum V2 handshake fingerprint (policy: read
/// from rules/mining/behaviour.yaml; the defaults here are that file's values).
/// </summary>
public sealed record MiningBehaviourPolicy
{
    /// <summary>A flow at least this long is long-lived.</summary>
    public double LongLivedSeconds { get; init; } = 600;

    /// <summary>Periodic: at least this many client exchanges…</summary>
    public int MinExchanges { get; init; } = 20;

    /// <summary>…at most this far apart on average…</summary>
    public double MaxMeanGapSeconds { get; init; } = 120;

    /// <summary>…with gaps no more spread than this (coefficient of variation; share submissions are roughly Poisson, ≈ 1).</summary>
    public double MaxGapVariation { get; init; } = 1.6;

    /// <summary>Small exchanges: mean client payload at most this many bytes…</summary>
    public double MaxMeanClientPayload { get; init; } = 600;

    /// <summary>…and mean server payload at most this many.</summary>
    public double MaxMeanServerPayload { get; init; } = 1500;

    /// <summary>Ports where TLS without a server name is ordinary web traffic.</summary>
    public IReadOnlySet<ushort> WebPorts { get; init; } = new HashSet<ushort> { 80, 443, 8080, 8443 };

    /// <summary>Points (of 4) for "suspicious".</summary>
    public int SuspiciousScore { get; init; } = 4;

    /// <summary>Stratum V2's Noise NX handshake: the initiator's ElligatorSwift key, 64 bytes…</summary>
    public int StratumV2ClientHello { get; init; } = 64;

    /// <summary>…and the responder's answer: key 64 + encrypted static key 64+16 + encrypted signature message 74+16 = 234 bytes.</summary>
    public int StratumV2ServerHello { get; init; } = 234;

    public string Version { get; init; } = "mining-behaviour@defaults";
}
