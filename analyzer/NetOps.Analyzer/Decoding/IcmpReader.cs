using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>The 8-byte ICMP header (RFC 792): type, code, checksum and the type-specific word.</summary>
public readonly ref struct IcmpReader
{
    public const int HeaderLength = 8;

    public const byte EchoReply = 0;
    public const byte DestinationUnreachable = 3;
    public const byte Redirect = 5;
    public const byte EchoRequest = 8;
    public const byte TimeExceeded = 11;
    public const byte TimestampRequest = 13;
    public const byte TimestampReply = 14;

    private readonly ReadOnlySpan<byte> _data;

    private IcmpReader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out IcmpReader reader)
    {
        reader = data.Length >= HeaderLength ? new IcmpReader(data) : default;
        return data.Length >= HeaderLength;
    }

    public byte Type => _data[0];

    public byte Code => _data[1];

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    /// <summary>True for the query types whose second word is identifier and sequence number.</summary>
    public bool HasIdentifier => Type is EchoReply or EchoRequest or TimestampRequest or TimestampReply or 15 or 16 or 17 or 18;

    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_data[4..]);

    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_data[6..]);

    /// <summary>After the header: echo data, or for errors the quoted IP header and 8 bytes of its payload.</summary>
    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
