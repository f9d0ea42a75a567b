using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// The 20-byte Linux "cooked" capture v2 header (LINKTYPE_LINUX_SLL2): protocol, reserved, interface
/// index, ARPHRD type, packet type, address length, address (8 bytes, padded).
/// </summary>
public readonly ref struct LinuxSll2Reader
{
    public const int HeaderLength = 20;

    private readonly ReadOnlySpan<byte> _data;

    private LinuxSll2Reader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out LinuxSll2Reader reader)
    {
        reader = data.Length >= HeaderLength ? new LinuxSll2Reader(data) : default;
        return data.Length >= HeaderLength;
    }

    /// <summary>An EtherType, or a Linux ETH_P_* value below 0x0600.</summary>
    public ushort Protocol => BinaryPrimitives.ReadUInt16BigEndian(_data);

    public uint InterfaceIndex => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    public ushort ArphrdType => BinaryPrimitives.ReadUInt16BigEndian(_data[8..]);

    public byte PacketType => _data[10];

    public byte AddressLength => _data[11];

    public ReadOnlySpan<byte> Address => _data.Slice(12, 8);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
