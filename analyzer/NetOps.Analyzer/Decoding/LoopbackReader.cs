using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// The 4-byte address family of BSD loopback captures: LINKTYPE_NULL in the capturing host's byte
/// order (read either way, as libpcap does: a value with its upper half set is byte-swapped), or
/// LINKTYPE_LOOP in network byte order.
/// </summary>
public readonly ref struct LoopbackReader
{
    public const int HeaderLength = 4;

    private const uint AfInet = 2;
    private const uint AfInet6Linux = 10;
    private const uint AfInet6Bsd = 24;
    private const uint AfInet6FreeBsd = 28;
    private const uint AfInet6Darwin = 30;

    private readonly ReadOnlySpan<byte> _data;

    private LoopbackReader(ReadOnlySpan<byte> data, uint family)
    {
        _data = data;
        Family = family;
    }

    /// <param name="networkOrder">True for LINKTYPE_LOOP.</param>
    public static bool TryRead(ReadOnlySpan<byte> data, bool networkOrder, out LoopbackReader reader)
    {
        reader = default;
        if (data.Length < HeaderLength)
            return false;
        var family = networkOrder ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (!networkOrder && (family & 0xFFFF_0000) != 0)
            family = BinaryPrimitives.ReverseEndianness(family);
        reader = new LoopbackReader(data, family);
        return true;
    }

    /// <summary>The address family (2 IPv4; 24, 28, 30 or 10 IPv6 depending on the system).</summary>
    public uint Family { get; }

    public bool IsIPv4 => Family == AfInet;

    public bool IsIPv6 => Family is AfInet6Bsd or AfInet6FreeBsd or AfInet6Darwin or AfInet6Linux;

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
