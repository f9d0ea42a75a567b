namespace NetOps.Analyzer.Plaintext;

/// <summary>
/// Cuts one direction of a TCP stream into lines (LF-terminated, CR dropped), keeping at most
/// <see cref="MaxLine"/> bytes of a line: enough for FTP commands and replies and Telnet prompts.
/// </summary>
internal sealed class LineAssembler
{
    public const int MaxLine = 256;

    private readonly byte[] _line = new byte[MaxLine];
    private int _length;

    /// <summary>The bytes of the line being built (no LF yet): a prompt such as "login: " is one.</summary>
    public ReadOnlySpan<byte> Partial => _line.AsSpan(0, _length);

    /// <summary>Appends bytes; calls <paramref name="onLine"/> for each completed line.</summary>
    public void Append(ReadOnlySpan<byte> data, Action<ReadOnlySpan<byte>> onLine)
    {
        foreach (var b in data)
        {
            if (b == (byte)'\n')
            {
                onLine(_line.AsSpan(0, _length));
                _length = 0;
            }
            else if (b != (byte)'\r' && _length < MaxLine)
            {
                _line[_length++] = b;
            }
        }
    }

    public void Clear() => _length = 0;
}
