using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// A Teredo datagram (RFC 4380, UDP 3544): an optional authentication indicator (0x0001, client id
/// and authentication value lengths, the two values, an 8-byte nonce and a confirmation byte), an
/// optional origin indicator (0x0000, obfuscated port and IPv4 address), then an IPv6 packet.
/// </summary>
public readonly ref struct TeredoReader
{
    public const ushort Port = 3544;

    private const int OriginIndicatorLength = 8;
    private const int AuthenticationFixedLength = 13;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _originOffset;

    private TeredoReader(ReadOnlySpan<byte> data, bool hasAuthentication, int originOffset, int headerLength)
    {
        _data = data;
        HasAuthentication = hasAuthentication;
        _originOffset = originOffset;
        HeaderLength = headerLength;
    }

    /// <summary>
    /// Reads the indicators. <see cref="MalformedReason.TruncatedTeredo"/> when one runs past the
    /// datagram. Whether IPv6 follows is the caller's question (<see cref="CarriesIPv6"/>).
    /// </summary>
    public static MalformedReason TryRead(ReadOnlySpan<byte> data, out TeredoReader reader)
    {
        reader = default;
        var offset = 0;
        var hasAuthentication = false;
        if (data.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(data) == 0x0001)
        {
            if (data.Length < 4)
                return MalformedReason.TruncatedTeredo;
            offset = AuthenticationFixedLength + data[2] + data[3];
            if (data.Length < offset)
                return MalformedReason.TruncatedTeredo;
            hasAuthentication = true;
        }
        var originOffset = -1;
        if (data.Length - offset >= 2 && BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) == 0x0000)
        {
            if (data.Length - offset < OriginIndicatorLength)
                return MalformedReason.TruncatedTeredo;
            originOffset = offset;
            offset += OriginIndicatorLength;
        }
        reader = new TeredoReader(data, hasAuthentication, originOffset, offset);
        return MalformedReason.None;
    }

    public bool HasAuthentication { get; }

    public bool HasOrigin => _originOffset >= 0;

    /// <summary>The origin's UDP port (de-obfuscated).</summary>
    public ushort OriginPort => HasOrigin ? (ushort)~BinaryPrimitives.ReadUInt16BigEndian(_data[(_originOffset + 2)..]) : (ushort)0;

    /// <summary>The origin's IPv4 address (de-obfuscated).</summary>
    public IpAddress OriginAddress => HasOrigin ? IpAddress.FromIPv4(~BinaryPrimitives.ReadUInt32BigEndian(_data[(_originOffset + 4)..])) : default;

    /// <summary>Indicator bytes before the IPv6 packet.</summary>
    public int HeaderLength { get; }

    /// <summary>True when an IPv6 header could start after the indicators (version nibble 6).</summary>
    public bool CarriesIPv6 => _data.Length > HeaderLength && (_data[HeaderLength] >> 4) == 6;

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
