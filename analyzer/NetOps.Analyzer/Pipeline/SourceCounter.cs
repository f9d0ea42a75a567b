using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Traffic;

namespace NetOps.Analyzer.Pipeline;

/// <summary>Counts one source's frames for its <see cref="SourceTotals"/>.</summary>
internal sealed class SourceCounter(string name)
{
    private readonly IpVersionCounter _traffic = new();
    private long _malformed;
    private long _first;
    private long _last;

    public void Count(in DecodedPacket packet, long timestampNanos)
    {
        if (_traffic.Packets == 0)
            _first = timestampNanos;
        _last = timestampNanos;
        _traffic.Count(packet.IpVersion, packet.WireLength);
        if (packet.IsMalformed)
            _malformed++;
    }

    public SourceTotals Totals() => new(name, _traffic.Snapshot(), _malformed, _first, _last);
}
