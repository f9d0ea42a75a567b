namespace NetOps.Analyzer.Traffic;

/// <summary>
/// What the traffic aggregator measured over one interval of capture time (or, as
/// <see cref="Pipeline.AnalysisResult.Total"/>, over a whole run). Host and application figures come
/// from the flows: a flow's packets since the previous interval are added when the interval closes
/// or when the flow ends, whichever is first.
/// </summary>
public sealed record TrafficInterval
{
    /// <summary>Start of the interval (capture time, ns since the Unix epoch; aligned to the interval length).</summary>
    public required long StartNanos { get; init; }

    /// <summary>End of the interval (exclusive).</summary>
    public required long EndNanos { get; init; }

    public required IpVersionTraffic Traffic { get; init; }

    /// <summary>
    /// Distinct IPv6 source addresses that sent packets, link-local (fe80::/10) and unspecified (::)
    /// excluded: every IPv6-enabled interface has a link-local address, only the others show IPv6 in use.
    /// </summary>
    public required long Ipv6Hosts { get; init; }

    /// <summary>
    /// Distinct source MACs whose frames carried both IPv4 (source not 0.0.0.0) and IPv6 (source
    /// neither link-local nor unspecified) packets. A router's MAC forwarding both families counts as one
    /// such host; captures without MACs (raw IP, loopback) have none.
    /// </summary>
    public required long DualStackHosts { get; init; }

    /// <summary>Hosts by bytes sent plus received, largest first, at most the configured top N.</summary>
    public required IReadOnlyList<HostTraffic> TopHosts { get; init; }

    /// <summary>Traffic per application (and server name, when known), by bytes, largest first.</summary>
    public required IReadOnlyList<ApplicationTraffic> Applications { get; init; }

    public required FlowCounts Flows { get; init; }

    /// <summary>Frames the capture dropped (libpcap's counters) during the interval; 0 for files.</summary>
    public required long CaptureDrops { get; init; }

    /// <summary>Malformed packets by reason and layer.</summary>
    public required IReadOnlyList<MalformedCount> Malformed { get; init; }

    public long MalformedTotal => Malformed.Sum(m => m.Packets);

    /// <summary>DNS A and AAAA questions and answers (port 53).</summary>
    public required DnsTraffic Dns { get; init; }

    /// <summary>True when more hosts (or application rows) were seen than the configured bound: the excess is left out of <see cref="TopHosts"/>, <see cref="Applications"/> and the host counts.</summary>
    public required bool LimitReached { get; init; }
}
