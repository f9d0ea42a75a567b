using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>One 4-byte MPLS label stack entry (RFC 3032): label, traffic class, bottom of stack, TTL.</summary>
public readonly ref struct MplsEntryReader
{
    public const int HeaderLength = 4;

    private readonly uint _entry;

    private readonly ReadOnlySpan<byte> _payload;

    private MplsEntryReader(ReadOnlySpan<byte> data)
    {
        _entry = BinaryPrimitives.ReadUInt32BigEndian(data);
        _payload = data[HeaderLength..];
    }

    public static bool TryRead(ReadOnlySpan<byte> data, out MplsEntryReader reader)
    {
        reader = data.Length >= HeaderLength ? new MplsEntryReader(data) : default;
        return data.Length >= HeaderLength;
    }

    /// <summary>The 20-bit label.</summary>
    public uint Label => _entry >> 12;

    /// <summary>Traffic class (formerly EXP), 0–7.</summary>
    public byte TrafficClass => (byte)((_entry >> 9) & 7);

    /// <summary>The S bit: the last entry of the stack.</summary>
    public bool BottomOfStack => (_entry & 0x100) != 0;

    public byte Ttl => (byte)_entry;

    /// <summary>What follows the entry (the next entry, or the payload after the bottom of stack).</summary>
    public ReadOnlySpan<byte> Payload => _payload;
}
