using NetOps.Analyzer.Traffic;

namespace NetOps.Analyzer.Pipeline;

/// <summary>Totals of one source (a capture file, or the live interface) within a run.</summary>
/// <param name="Name">As given to <see cref="AnalysisPipeline.BeginSource"/>.</param>
/// <param name="Traffic">Packets and wire bytes by IP version.</param>
/// <param name="Malformed">Malformed packets, every reason.</param>
/// <param name="FirstTimestampNanos">Capture time of the first frame (0 without frames).</param>
/// <param name="LastTimestampNanos">Capture time of the last frame (0 without frames).</param>
public sealed record SourceTotals(string Name, IpVersionTraffic Traffic, long Malformed, long FirstTimestampNanos, long LastTimestampNanos);
