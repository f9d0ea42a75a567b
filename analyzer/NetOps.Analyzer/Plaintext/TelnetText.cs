namespace NetOps.Analyzer.Plaintext;

/// <summary>Telnet data without its commands (RFC 854): IAC sequences and sub-negotiations are dropped.</summary>
internal static class TelnetText
{
    private const byte Iac = 255, Sb = 250, Se = 240, Will = 251, Dont = 254;

    /// <summary>True when the bytes start with a Telnet command (how a Telnet server or client opens a session).</summary>
    public static bool StartsWithCommand(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == Iac && data[1] >= Sb;

    /// <summary>Copies the text bytes of one segment into <paramref name="text"/>; returns how many (commands split across segments are dropped with it).</summary>
    public static int Strip(ReadOnlySpan<byte> data, Span<byte> text)
    {
        var n = 0;
        for (var i = 0; i < data.Length && n < text.Length; i++)
        {
            if (data[i] != Iac)
            {
                text[n++] = data[i];
                continue;
            }
            if (i + 1 >= data.Length)
                break;
            var command = data[++i];
            if (command == Iac)
                text[n++] = Iac;
            else if (command is >= Will and <= Dont)
                i++; // the option byte
            else if (command == Sb)
            {
                while (i + 1 < data.Length && !(data[i] == Iac && data[i + 1] == Se))
                    i++;
                i++;
            }
        }
        return n;
    }
}
