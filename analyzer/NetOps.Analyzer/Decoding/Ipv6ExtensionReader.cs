using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// One IPv6 extension header: hop-by-hop options, routing, destination options (length in 8-byte
/// units after the first 8), fragment (8 bytes) or the authentication header (length in 4-byte units
/// after the first 8, RFC 4302; also found after IPv4).
/// </summary>
public readonly ref struct Ipv6ExtensionReader
{
    private readonly ReadOnlySpan<byte> _data;

    private Ipv6ExtensionReader(ReadOnlySpan<byte> data, byte kind, int length)
    {
        _data = data;
        Kind = kind;
        Length = length;
    }

    /// <summary>True for the next-header values this reader walks over.</summary>
    public static bool IsExtension(byte nextHeader) => nextHeader is IpProtocols.HopByHop or IpProtocols.Routing
        or IpProtocols.DestinationOptions or IpProtocols.Fragment or IpProtocols.AuthenticationHeader;

    /// <summary>
    /// Reads the header of kind <paramref name="kind"/> (the previous next-header value). False when
    /// fewer bytes are given than its first 8 or its declared length.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, byte kind, out Ipv6ExtensionReader reader)
    {
        reader = default;
        if (data.Length < 8)
            return false;
        var length = kind switch
        {
            IpProtocols.Fragment => 8,
            IpProtocols.AuthenticationHeader => (data[1] + 2) * 4,
            _ => (data[1] + 1) * 8,
        };
        if (data.Length < length)
            return false;
        reader = new Ipv6ExtensionReader(data, kind, length);
        return true;
    }

    /// <summary>The next-header value that named this header.</summary>
    public byte Kind { get; }

    /// <summary>The whole header in bytes.</summary>
    public int Length { get; }

    public byte NextHeader => _data[0];

    /// <summary>Fragment header: offset in bytes.</summary>
    public int FragmentOffset => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]) & 0xFFF8;

    /// <summary>Fragment header: the M flag.</summary>
    public bool MoreFragments => (_data[3] & 1) != 0;

    /// <summary>Fragment header: identification.</summary>
    public uint FragmentId => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    /// <summary>Routing header: routing type (0, 2, 3 RPL, 4 SRH).</summary>
    public byte RoutingType => _data[2];

    /// <summary>Routing header: segments left.</summary>
    public byte SegmentsLeft => _data[3];

    /// <summary>Authentication header: security parameters index.</summary>
    public uint SecurityParametersIndex => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    public ReadOnlySpan<byte> Payload => _data[Length..];
}
