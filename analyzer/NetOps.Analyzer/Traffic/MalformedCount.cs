using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Traffic;

/// <summary>Malformed packets of one reason in one layer.</summary>
public sealed record MalformedCount(MalformedReason Reason, PacketLayer Layer, long Packets);

/// <summary>Malformed packets by reason and layer, counted in place.</summary>
internal sealed class MalformedCounter
{
    private static readonly int Layers = Enum.GetValues<PacketLayer>().Length;
    private readonly long[] _counts = new long[Enum.GetValues<MalformedReason>().Length * Layers];

    public long Total { get; private set; }

    public void Count(MalformedReason reason, PacketLayer layer)
    {
        _counts[(int)reason * Layers + (int)layer]++;
        Total++;
    }

    public IReadOnlyList<MalformedCount> Snapshot()
    {
        var list = new List<MalformedCount>();
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
                list.Add(new MalformedCount((MalformedReason)(i / Layers), (PacketLayer)(i % Layers), _counts[i]));
        }
        return list;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Total = 0;
    }
}
