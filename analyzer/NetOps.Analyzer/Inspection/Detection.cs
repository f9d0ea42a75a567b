using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Inspection;

/// <summary>How sure a detector is. Only <see cref="Confirmed"/> counts against indicator 66 on its own.</summary>
public enum DetectionConfidence
{
    /// <summary>Worth a look (e.g. a flow-behaviour score): never raised as an incident alone.</summary>
    Suspicious,

    /// <summary>Strong evidence from one side (e.g. a pool name resolved, or a miner's request without the pool's answer).</summary>
    Probable,

    /// <summary>The protocol was seen from both sides (e.g. a miner's login and the pool's matching answer).</summary>
    Confirmed,
}

/// <summary>
/// One finding of a detector about one flow (or one exchange): complete enough to stand as evidence
/// alone — what, when, who, which detector and rule/list version, and a short excerpt. Detectors
/// report a detection once per flow and kind (updating <see cref="LastSeenNanos"/> is the sink's job
/// when the same key is reported again).
/// </summary>
public sealed record Detection
{
    /// <summary>What was found, snake_case: "mining", "plaintext_credential", "prohibited_site", "circumvention"…</summary>
    public required string Kind { get; init; }

    public required DetectionConfidence Confidence { get; init; }

    /// <summary>The application protocol it was seen in: "stratum", "ethproxy", "xmrig", "dns", "tls", "telnet", "snmp"…</summary>
    public required string Protocol { get; init; }

    /// <summary>The detector's <see cref="IPayloadInspector.Name"/>.</summary>
    public required string Detector { get; init; }

    /// <summary>Which rule or list matched, with its version (e.g. "pools@2026-11-30#sha256:ab12…"); null when the protocol parse alone decided.</summary>
    public string? Rule { get; init; }

    public required ulong FlowId { get; init; }

    /// <summary>6 TCP, 17 UDP.</summary>
    public required byte TransportProtocol { get; init; }

    public required IpAddress Client { get; init; }

    public required ushort ClientPort { get; init; }

    public required IpAddress Server { get; init; }

    public required ushort ServerPort { get; init; }

    /// <summary>The client's MAC when the capture showed it.</summary>
    public MacAddress? ClientMac { get; init; }

    /// <summary>The user (RADIUS User-Name) holding the client address at <see cref="FirstSeenNanos"/>, when the identity timeline knows.</summary>
    public string? User { get; init; }

    /// <summary>The server's name (SNI, Host, DNS) when known.</summary>
    public string? ServerName { get; init; }

    public required long FirstSeenNanos { get; init; }

    public required long LastSeenNanos { get; init; }

    /// <summary>A short excerpt (≤ 512 characters) proving the finding, secrets and wallet addresses redacted.</summary>
    public required string Evidence { get; init; }
}

/// <summary>Where detectors report what they found.</summary>
public interface IDetectionSink
{
    void Report(Detection detection);
}
