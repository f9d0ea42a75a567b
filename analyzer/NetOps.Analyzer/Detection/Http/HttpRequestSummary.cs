namespace NetOps.Analyzer.Detectors.Http;

/// <summary>A flow's first HTTP request as far as detectors need it; never the credential itself.</summary>
/// <param name="Method">GET, POST, CONNECT…</param>
/// <param name="Host">The Host header without its port, lower case; null when the request had none.</param>
/// <param name="UserAgent">The User-Agent header, null when absent.</param>
/// <param name="HasBasicAuthorization">An Authorization header with the Basic scheme was sent (a password in clear).</param>
public sealed record HttpRequestSummary(string Method, string? Host, string? UserAgent, bool HasBasicAuthorization);
