namespace NetOps.Analyzer.Traffic;

/// <summary>Packets and bytes per IP version, counted in place (index 0 non-IP, 1 IPv4, 2 IPv6).</summary>
internal sealed class IpVersionCounter
{
    private readonly long[] _packets = new long[3];
    private readonly long[] _bytes = new long[3];

    public void Count(byte ipVersion, int wireLength)
    {
        var slot = ipVersion == 4 ? 1 : ipVersion == 6 ? 2 : 0;
        _packets[slot]++;
        _bytes[slot] += wireLength;
    }

    public long Packets => _packets[0] + _packets[1] + _packets[2];

    public IpVersionTraffic Snapshot() => new(new(_packets[1], _bytes[1]), new(_packets[2], _bytes[2]), new(_packets[0], _bytes[0]));

    public void Clear()
    {
        Array.Clear(_packets);
        Array.Clear(_bytes);
    }
}
