using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>A 48-bit MAC address held in the low bits of a 64-bit number (first byte most significant).</summary>
public readonly struct MacAddress : IEquatable<MacAddress>
{
    public ulong Value { get; }

    public MacAddress(ulong value) => Value = value & 0xFFFF_FFFF_FFFF;

    /// <summary>Reads 6 bytes.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> bytes) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));

    /// <summary>Group (multicast or broadcast) address: the I/G bit of the first byte.</summary>
    public bool IsGroup => (Value & 0x0100_0000_0000) != 0;

    public bool IsBroadcast => Value == 0xFFFF_FFFF_FFFF;

    /// <summary>Lower-case, colon-separated (tshark's eth.src form). Allocates.</summary>
    public override string ToString() => string.Create(17, Value, static (chars, value) =>
    {
        for (var i = 0; i < 6; i++)
        {
            var b = (byte)(value >> (40 - 8 * i));
            chars[i * 3] = "0123456789abcdef"[b >> 4];
            chars[i * 3 + 1] = "0123456789abcdef"[b & 0xF];
            if (i < 5)
                chars[i * 3 + 2] = ':';
        }
    });

    public bool Equals(MacAddress other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);
}
