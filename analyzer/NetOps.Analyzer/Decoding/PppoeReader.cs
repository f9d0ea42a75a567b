using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>The 6-byte PPPoE header (RFC 2516) of discovery (0x8863) and session (0x8864) frames.</summary>
public readonly ref struct PppoeReader
{
    public const int HeaderLength = 6;

    private readonly ReadOnlySpan<byte> _data;

    private PppoeReader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out PppoeReader reader)
    {
        reader = data.Length >= HeaderLength ? new PppoeReader(data) : default;
        return data.Length >= HeaderLength;
    }

    /// <summary>Version (high nibble of the first byte); 1 for RFC 2516.</summary>
    public byte Version => (byte)(_data[0] >> 4);

    /// <summary>Type (low nibble of the first byte); 1 for RFC 2516.</summary>
    public byte Type => (byte)(_data[0] & 0xF);

    /// <summary>0 for session data; PADI 0x09, PADO 0x07, PADR 0x19, PADS 0x65, PADT 0xa7 in discovery.</summary>
    public byte Code => _data[1];

    public ushort SessionId => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    /// <summary>Length of the PPPoE payload (the PPP frame in a session), excluding this header.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_data[4..]);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
