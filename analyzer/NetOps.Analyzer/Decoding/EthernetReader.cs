using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>An Ethernet II / 802.3 header: destination, source, type or length.</summary>
public readonly ref struct EthernetReader
{
    public const int HeaderLength = 14;

    private readonly ReadOnlySpan<byte> _data;

    private EthernetReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>False when fewer than 14 bytes are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out EthernetReader reader)
    {
        reader = data.Length >= HeaderLength ? new EthernetReader(data) : default;
        return data.Length >= HeaderLength;
    }

    public MacAddress Destination => MacAddress.Read(_data);

    public MacAddress Source => MacAddress.Read(_data[6..]);

    /// <summary>The EtherType, or for an 802.3 frame (value ≤ 1500) the length of what follows.</summary>
    public ushort TypeOrLength => BinaryPrimitives.ReadUInt16BigEndian(_data[12..]);

    /// <summary>True for an 802.3 length frame (LLC follows).</summary>
    public bool IsLengthFrame => TypeOrLength <= EtherTypes.MaxLength;

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
