using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>The 8-byte VXLAN header (RFC 7348): flags (I = valid VNI), 24-bit network identifier; Ethernet follows.</summary>
public readonly ref struct VxlanReader
{
    public const int HeaderLength = 8;

    public const ushort Port = 4789;

    private readonly ReadOnlySpan<byte> _data;

    private VxlanReader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out VxlanReader reader)
    {
        reader = data.Length >= HeaderLength ? new VxlanReader(data) : default;
        return data.Length >= HeaderLength;
    }

    public byte Flags => _data[0];

    public bool HasNetworkId => (_data[0] & 0x08) != 0;

    public uint NetworkId => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]) >> 8;

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
