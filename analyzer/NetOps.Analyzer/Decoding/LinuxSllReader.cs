using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// The 16-byte Linux "cooked" capture header (LINKTYPE_LINUX_SLL): packet type, ARPHRD type, link-layer
/// address length and address (8 bytes, padded), protocol.
/// </summary>
public readonly ref struct LinuxSllReader
{
    public const int HeaderLength = 16;

    /// <summary>ARPHRD_ETHER: the address is a MAC.</summary>
    public const ushort ArphrdEthernet = 1;

    /// <summary>ARPHRD_IPGRE: the protocol field holds a GRE protocol type.</summary>
    public const ushort ArphrdIpGre = 778;

    /// <summary>ARPHRD_NETLINK: netlink messages, not a network protocol.</summary>
    public const ushort ArphrdNetlink = 824;

    private readonly ReadOnlySpan<byte> _data;

    private LinuxSllReader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out LinuxSllReader reader)
    {
        reader = data.Length >= HeaderLength ? new LinuxSllReader(data) : default;
        return data.Length >= HeaderLength;
    }

    /// <summary>0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us.</summary>
    public ushort PacketType => BinaryPrimitives.ReadUInt16BigEndian(_data);

    public ushort ArphrdType => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    public ushort AddressLength => BinaryPrimitives.ReadUInt16BigEndian(_data[4..]);

    /// <summary>The 8-byte address field (only <see cref="AddressLength"/> bytes of it are meaningful).</summary>
    public ReadOnlySpan<byte> Address => _data.Slice(6, 8);

    /// <summary>An EtherType, or a Linux ETH_P_* value below 0x0600 (0x0001 802.3, 0x0004 802.2 LLC…).</summary>
    public ushort Protocol => BinaryPrimitives.ReadUInt16BigEndian(_data[14..]);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
