using System.Buffers.Binary;
using System.Net;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// An IPv4 or IPv6 address in 16 bytes, cheap to copy, compare and hash (a flow-table key part).
/// IPv4 is stored IPv4-mapped (<c>::ffff:a.b.c.d</c>); the <see cref="IpLayer.Version"/> of the layer the
/// address came from is what tells the versions apart (an IPv6 header carrying a mapped address
/// looks the same here). Formatting allocates and belongs off the hot path.
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>, IComparable<IpAddress>
{
    private const ulong MappedPrefix = 0xFFFF;

    /// <summary>The address as a 128-bit big-endian number (first byte on the wire = most significant).</summary>
    public UInt128 Value { get; }

    public IpAddress(UInt128 value) => Value = value;

    /// <summary>True for an IPv4-mapped value (every IPv4 address read by the decoders).</summary>
    public bool IsIPv4Mapped => (Value >> 32) == MappedPrefix;

    /// <summary>The IPv4 address as a big-endian 32-bit number (meaningful when <see cref="IsIPv4Mapped"/>).</summary>
    public uint IPv4Value => (uint)Value;

    public static IpAddress FromIPv4(uint bigEndianValue) => new(((UInt128)MappedPrefix << 32) | bigEndianValue);

    /// <summary>Reads 4 bytes of an IPv4 address.</summary>
    public static IpAddress ReadIPv4(ReadOnlySpan<byte> bytes) => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes));

    /// <summary>Reads 16 bytes of an IPv6 address.</summary>
    public static IpAddress ReadIPv6(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt128BigEndian(bytes));

    public static IpAddress From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return ReadIPv4(bytes);
        }
        address.TryWriteBytes(bytes, out _);
        return ReadIPv6(bytes);
    }

    public static IpAddress Parse(string text) => From(IPAddress.Parse(text));

    /// <summary>A framework address (IPv4 for mapped values). Allocates.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return IsIPv4Mapped ? new IPAddress(bytes[12..]) : new IPAddress(bytes);
    }

    /// <summary>Formats as IPv6 even for a mapped value (for an IPv6 layer that carried one).</summary>
    public string ToIPv6String()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new IPAddress(bytes).ToString();
    }

    public override string ToString() => ToIPAddress().ToString();

    public bool Equals(IpAddress other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public int CompareTo(IpAddress other) => Value.CompareTo(other.Value);

    public static bool operator ==(IpAddress left, IpAddress right) => left.Equals(right);

    public static bool operator !=(IpAddress left, IpAddress right) => !left.Equals(right);

    public static bool operator <(IpAddress left, IpAddress right) => left.Value < right.Value;

    public static bool operator >(IpAddress left, IpAddress right) => left.Value > right.Value;

    public static bool operator <=(IpAddress left, IpAddress right) => left.Value <= right.Value;

    public static bool operator >=(IpAddress left, IpAddress right) => left.Value >= right.Value;
}
