namespace NetOps.Analyzer.Mining;

/// <summary>
/// Splits a growing byte stream into the newline-terminated messages JSON-RPC over TCP uses
/// (Stratum, EthProxy, CryptoNote pools): each call hands out the next complete line, without the
/// line end and surrounding white space; empty lines are skipped; a line longer than
/// <see cref="MaxLine"/> is skipped whole and counted.
/// </summary>
internal struct JsonLineFramer
{
    public const int MaxLine = 8192;

    private int _consumed;

    /// <summary>Lines skipped for being longer than <see cref="MaxLine"/>.</summary>
    public int OverlongLines { get; private set; }

    /// <summary>Bytes of <paramref name="stream"/> not yet handed out (a partial line).</summary>
    public readonly int Pending(ReadOnlySpan<byte> stream) => stream.Length - _consumed;

    /// <summary>The next complete line of <paramref name="stream"/> (which only ever grows at its end).</summary>
    public bool TryNext(ReadOnlySpan<byte> stream, out ReadOnlySpan<byte> line)
    {
        while (_consumed < stream.Length)
        {
            var rest = stream[_consumed..];
            var end = rest.IndexOf((byte)'\n');
            if (end < 0)
                break;
            _consumed += end + 1;
            if (end > MaxLine)
            {
                OverlongLines++;
                continue;
            }
            line = rest[..end].Trim(" \t\r"u8);
            if (!line.IsEmpty)
                return true;
        }
        line = default;
        return false;
    }
}
