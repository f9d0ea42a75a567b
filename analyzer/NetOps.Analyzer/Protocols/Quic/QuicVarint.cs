namespace NetOps.Analyzer.Protocols.Quic;

/// <summary>QUIC's variable-length integers (RFC 9000 16): 1, 2, 4 or 8 bytes, the length in the top two bits.</summary>
public static class QuicVarint
{
    public static bool TryRead(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        if (position >= data.Length)
            return false;
        var length = 1 << (data[position] >> 6);
        if (position + length > data.Length)
            return false;
        value = (ulong)(data[position] & 0x3F);
        for (var i = 1; i < length; i++)
            value = (value << 8) | data[position + i];
        position += length;
        return true;
    }
}
