using NetOps.Analyzer.Protocols.Tls;

namespace NetOps.Analyzer.Detectors.Tls;

/// <summary>ClientHellos read, with and without SNI, and malformed ones by reason.</summary>
public sealed class TlsCounters
{
    private readonly long[] _malformed = new long[Enum.GetValues<TlsMalformedReason>().Length];

    public long Hellos { get; internal set; }

    public long HellosWithoutServerName { get; internal set; }

    /// <summary>Flows that started as TLS but whose hello never became whole (a gap, or the flow ended).</summary>
    public long Incomplete { get; internal set; }

    public long Malformed(TlsMalformedReason reason) => _malformed[(int)reason];

    internal void CountMalformed(TlsMalformedReason reason) => _malformed[(int)reason]++;
}
