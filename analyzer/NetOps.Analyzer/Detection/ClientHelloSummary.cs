namespace NetOps.Analyzer.Detectors;

/// <summary>What a flow's ClientHello (over TCP or QUIC) said, kept until the flow ends for other detectors.</summary>
/// <param name="ServerName">The SNI, null when the hello had none.</param>
/// <param name="Alpn">The first ALPN protocol, null without ALPN.</param>
/// <param name="Ja4">The JA4 fingerprint.</param>
/// <param name="Version">The highest version offered (0x0304 TLS 1.3).</param>
public sealed record ClientHelloSummary(string? ServerName, string? Alpn, string Ja4, ushort Version);
