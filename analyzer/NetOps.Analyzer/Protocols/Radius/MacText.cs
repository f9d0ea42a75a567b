using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Protocols.Radius;

/// <summary>
/// A MAC written as text the way NAS vendors put it in Calling-Station-Id: 00-14-22-E9-54-5E,
/// 00:14:22:e9:54:5e, 0014.22e9.545e, 001422-e9545e, 001422E9545E. Twelve hex digits with
/// optional '-', ':' or '.' separators; anything after a 12-digit MAC followed by ':' (some
/// controllers append ":SSID") is ignored.
/// </summary>
public static class MacText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out MacAddress mac)
    {
        mac = default;
        ulong value = 0;
        var digits = 0;
        var i = 0;
        for (; i < text.Length && digits < 12; i++)
        {
            var c = text[i];
            var nibble = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                (byte)'-' or (byte)':' or (byte)'.' => -1,
                _ => -2,
            };
            if (nibble == -2 || (nibble == -1 && (i == 0 || !IsHex(text[i - 1]))))
                return false;
            if (nibble < 0)
                continue;
            value = (value << 4) | (uint)nibble;
            digits++;
        }
        if (digits != 12 || (i < text.Length && text[i] != ':'))
            return false;
        mac = new MacAddress(value);
        return true;
    }

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
