using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>A TCP header (RFC 9293): <see cref="TryRead"/> needs the 20 fixed bytes; the data offset is for the caller to check.</summary>
public readonly ref struct TcpReader
{
    public const int MinimumHeaderLength = 20;

    private readonly ReadOnlySpan<byte> _data;

    private TcpReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>Where the data offset is: a header cut before 20 bytes may still show it.</summary>
    public const int DataOffsetPosition = 12;

    /// <summary>The data offset × 4 of a header cut short, or -1 when even that byte is missing.</summary>
    public static int PeekHeaderLength(ReadOnlySpan<byte> data) => data.Length > DataOffsetPosition ? (data[DataOffsetPosition] >> 4) * 4 : -1;

    public static bool TryRead(ReadOnlySpan<byte> data, out TcpReader reader)
    {
        reader = data.Length >= MinimumHeaderLength ? new TcpReader(data) : default;
        return data.Length >= MinimumHeaderLength;
    }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_data);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    public uint AcknowledgementNumber => BinaryPrimitives.ReadUInt32BigEndian(_data[8..]);

    /// <summary>Data offset × 4: the header with its options.</summary>
    public int HeaderLength => (_data[12] >> 4) * 4;

    public TcpFlags Flags => (TcpFlags)(((_data[12] & 1) << 8) | _data[13]);

    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_data[14..]);

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_data[16..]);

    public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_data[18..]);

    /// <summary>The option bytes, as far as they were given.</summary>
    public ReadOnlySpan<byte> Options => _data[MinimumHeaderLength..Math.Clamp(HeaderLength, MinimumHeaderLength, _data.Length)];
}
