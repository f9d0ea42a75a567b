using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// An AYIYA header (Anything In Anything, UDP 5072, draft-massar-v6ops-ayiya): identity length and
/// type, signature length and hash method, authentication method and opcode, next header, epoch
/// time, then the identity and the signature. Opcode 1 (forward) carries the next-header packet.
/// </summary>
public readonly ref struct AyiyaReader
{
    public const ushort Port = 5072;

    public const int FixedHeaderLength = 8;

    public const byte OpcodeForward = 1;

    private readonly ReadOnlySpan<byte> _data;

    private AyiyaReader(ReadOnlySpan<byte> data, int headerLength)
    {
        _data = data;
        HeaderLength = headerLength;
    }

    /// <summary>False when the header with its identity and signature runs past the bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out AyiyaReader reader)
    {
        reader = default;
        if (data.Length < FixedHeaderLength)
            return false;
        var length = FixedHeaderLength + (1 << (data[0] >> 4)) + (data[1] >> 4) * 4;
        if (data.Length < length)
            return false;
        reader = new AyiyaReader(data, length);
        return true;
    }

    public int IdentityLength => 1 << (_data[0] >> 4);

    public byte IdentityType => (byte)(_data[0] & 0xF);

    public int SignatureLength => (_data[1] >> 4) * 4;

    public byte Opcode => (byte)(_data[2] & 0xF);

    /// <summary>The protocol of the payload (41 IPv6, 4 IPv4…).</summary>
    public byte NextHeader => _data[3];

    public uint EpochTime => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    public int HeaderLength { get; }

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
