using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// ERSPAN headers inside GRE (draft-foschiano-erspan): type II (8 bytes, GRE protocol 0x88be with a
/// sequence number), type III (12 bytes, 0x22eb, plus an 8-byte platform sub-header when the O bit is
/// set). Type I (0x88be without a GRE sequence number) has no header at all.
/// </summary>
public readonly ref struct ErspanReader
{
    public const int Type2HeaderLength = 8;
    public const int Type3HeaderLength = 12;

    private readonly ReadOnlySpan<byte> _data;

    private ErspanReader(ReadOnlySpan<byte> data, int headerLength)
    {
        _data = data;
        HeaderLength = headerLength;
    }

    /// <param name="type3">True for GRE protocol 0x22eb.</param>
    public static bool TryRead(ReadOnlySpan<byte> data, bool type3, out ErspanReader reader)
    {
        reader = default;
        var length = type3 ? Type3HeaderLength : Type2HeaderLength;
        if (data.Length < length)
            return false;
        if (type3 && (data[11] & 1) != 0)
            length += 8;
        if (data.Length < length)
            return false;
        reader = new ErspanReader(data, length);
        return true;
    }

    /// <summary>1 for type II, 2 for type III.</summary>
    public byte Version => (byte)(_data[0] >> 4);

    public ushort Vlan => (ushort)(BinaryPrimitives.ReadUInt16BigEndian(_data) & 0x0FFF);

    public ushort SessionId => (ushort)(BinaryPrimitives.ReadUInt16BigEndian(_data[2..]) & 0x03FF);

    /// <summary>Type III frame type: 0 Ethernet, 2 IP; type II always carries Ethernet.</summary>
    public byte FrameType => HeaderLength >= Type3HeaderLength ? (byte)((_data[10] >> 2) & 0x1F) : (byte)0;

    public int HeaderLength { get; }

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
