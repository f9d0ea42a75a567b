using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>The fixed 40-byte IPv6 header (RFC 8200). Extension headers: <see cref="Ipv6ExtensionReader"/>.</summary>
public readonly ref struct Ipv6Reader
{
    public const int HeaderLength = 40;

    private readonly ReadOnlySpan<byte> _data;

    private Ipv6Reader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out Ipv6Reader reader)
    {
        reader = data.Length >= HeaderLength ? new Ipv6Reader(data) : default;
        return data.Length >= HeaderLength;
    }

    public byte Version => (byte)(_data[0] >> 4);

    public byte TrafficClass => (byte)(BinaryPrimitives.ReadUInt16BigEndian(_data) >> 4);

    public uint FlowLabel => BinaryPrimitives.ReadUInt32BigEndian(_data) & 0xF_FFFF;

    /// <summary>Bytes after the fixed header (extension headers included).</summary>
    public ushort PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(_data[4..]);

    /// <summary>The first next header (an extension header or the upper-layer protocol).</summary>
    public byte NextHeader => _data[6];

    public byte HopLimit => _data[7];

    public IpAddress Source => IpAddress.ReadIPv6(_data[8..]);

    public IpAddress Destination => IpAddress.ReadIPv6(_data[24..]);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
