using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>The 8-byte UDP header (RFC 768).</summary>
public readonly ref struct UdpReader
{
    public const int HeaderLength = 8;

    private readonly ReadOnlySpan<byte> _data;

    private UdpReader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out UdpReader reader)
    {
        reader = data.Length >= HeaderLength ? new UdpReader(data) : default;
        return data.Length >= HeaderLength;
    }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_data);

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    /// <summary>Header plus data, as the header says.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_data[4..]);

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_data[6..]);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
