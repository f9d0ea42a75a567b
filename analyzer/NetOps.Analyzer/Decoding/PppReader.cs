using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// A PPP header (RFC 1661): an optional HDLC address/control pair (0xff 0x03, RFC 1662) and the
/// protocol field, one byte when compressed (an odd first byte) or two.
/// </summary>
public readonly ref struct PppReader
{
    public const ushort ProtocolIPv4 = 0x0021;
    public const ushort ProtocolIPv6 = 0x0057;
    public const ushort ProtocolMplsUnicast = 0x0281;

    private readonly ReadOnlySpan<byte> _data;

    private PppReader(ReadOnlySpan<byte> data, int headerLength, ushort protocol)
    {
        _data = data;
        HeaderLength = headerLength;
        Protocol = protocol;
    }

    /// <summary>False when the bytes end before the protocol field does.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, bool allowAddressControl, out PppReader reader)
    {
        reader = default;
        var offset = 0;
        if (allowAddressControl && data.Length >= 2 && data[0] == 0xFF && data[1] == 0x03)
            offset = 2;
        if (data.Length <= offset)
            return false;
        if ((data[offset] & 1) != 0)
        {
            reader = new PppReader(data, offset + 1, data[offset]);
            return true;
        }
        if (data.Length < offset + 2)
            return false;
        reader = new PppReader(data, offset + 2, BinaryPrimitives.ReadUInt16BigEndian(data[offset..]));
        return true;
    }

    /// <summary>Bytes before the PPP payload: 1–4.</summary>
    public int HeaderLength { get; }

    /// <summary>The PPP protocol number (0x0021 IPv4, 0x0057 IPv6, 0xc021 LCP…).</summary>
    public ushort Protocol { get; }

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
