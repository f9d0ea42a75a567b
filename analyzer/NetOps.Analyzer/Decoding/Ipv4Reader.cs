using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// An IPv4 header (RFC 791). <see cref="TryRead"/> needs the 20 fixed bytes; the lengths it declares
/// (<see cref="HeaderLength"/>, <see cref="TotalLength"/>) are for the caller to check against the frame.
/// The header checksum is not verified (offloading makes it wrong on the capturing host).
/// </summary>
public readonly ref struct Ipv4Reader
{
    public const int MinimumHeaderLength = 20;

    private readonly ReadOnlySpan<byte> _data;

    private Ipv4Reader(ReadOnlySpan<byte> data) => _data = data;

    public static bool TryRead(ReadOnlySpan<byte> data, out Ipv4Reader reader)
    {
        reader = data.Length >= MinimumHeaderLength ? new Ipv4Reader(data) : default;
        return data.Length >= MinimumHeaderLength;
    }

    public byte Version => (byte)(_data[0] >> 4);

    /// <summary>IHL × 4: the header with its options.</summary>
    public int HeaderLength => (_data[0] & 0xF) * 4;

    /// <summary>Type of service: DSCP and ECN.</summary>
    public byte TypeOfService => _data[1];

    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_data[4..]);

    private ushort FlagsAndOffset => BinaryPrimitives.ReadUInt16BigEndian(_data[6..]);

    /// <summary>The reserved ("evil") bit.</summary>
    public bool ReservedFlag => (FlagsAndOffset & 0x8000) != 0;

    public bool DontFragment => (FlagsAndOffset & 0x4000) != 0;

    public bool MoreFragments => (FlagsAndOffset & 0x2000) != 0;

    /// <summary>Fragment offset in bytes.</summary>
    public int FragmentOffset => (FlagsAndOffset & 0x1FFF) * 8;

    public byte Ttl => _data[8];

    public byte Protocol => _data[9];

    public ushort HeaderChecksum => BinaryPrimitives.ReadUInt16BigEndian(_data[10..]);

    public IpAddress Source => IpAddress.ReadIPv4(_data[12..]);

    public IpAddress Destination => IpAddress.ReadIPv4(_data[16..]);

    /// <summary>The option bytes, as far as they were given.</summary>
    public ReadOnlySpan<byte> Options => _data[MinimumHeaderLength..Math.Clamp(HeaderLength, MinimumHeaderLength, _data.Length)];
}
