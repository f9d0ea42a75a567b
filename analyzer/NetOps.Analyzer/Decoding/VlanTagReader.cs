using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// The 4 bytes after an 802.1Q/802.1ad tag protocol identifier: tag control information and the next
/// EtherType. (The identifier itself is the EtherType that preceded.)
/// </summary>
public readonly ref struct VlanTagReader
{
    public const int HeaderLength = 4;

    private readonly ReadOnlySpan<byte> _data;

    private VlanTagReader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out VlanTagReader reader)
    {
        reader = data.Length >= HeaderLength ? new VlanTagReader(data) : default;
        return data.Length >= HeaderLength;
    }

    private ushort Tci => BinaryPrimitives.ReadUInt16BigEndian(_data);

    /// <summary>Priority code point (802.1p), 0–7.</summary>
    public byte Priority => (byte)(Tci >> 13);

    /// <summary>Drop eligible indicator (formerly CFI).</summary>
    public bool DropEligible => (Tci & 0x1000) != 0;

    /// <summary>VLAN id, 0–4095.</summary>
    public ushort VlanId => (ushort)(Tci & 0x0FFF);

    /// <summary>The EtherType (or 802.3 length) after the tag.</summary>
    public ushort NextType => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
