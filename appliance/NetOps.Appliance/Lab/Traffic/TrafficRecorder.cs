namespace NetOps.Appliance.Lab.Traffic;

/// <summary>
/// Collects frames of many interleaved conversations with their times and writes them to a pcap in
/// time order (ties keep the order in which they were recorded).
/// </summary>
internal sealed class TrafficRecorder
{
    private readonly List<(long Nanos, long Order, byte[] Frame)> _frames = [];

    public FrameBuilder Frames { get; } = new();

    public int Count => _frames.Count;

    public void Add(long nanos, byte[] frame) => _frames.Add((nanos, _frames.Count, frame));

    public long WriteTo(Stream stream)
    {
        _frames.Sort((a, b) => a.Nanos != b.Nanos ? a.Nanos.CompareTo(b.Nanos) : a.Order.CompareTo(b.Order));
        using var writer = new PcapWriter(stream);
        foreach (var (nanos, _, frame) in _frames)
            writer.Write(nanos, frame);
        return writer.Frames;
    }
}
