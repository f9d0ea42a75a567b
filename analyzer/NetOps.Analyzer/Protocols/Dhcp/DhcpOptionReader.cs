namespace NetOps.Analyzer.Protocols.Dhcp;

/// <summary>
/// Walks DHCP options (RFC 2132): code, length, value; Pad (0) is skipped, End (255) stops. Also
/// walks relay agent sub-options (RFC 3046), which have the same code/length form. Use like a
/// reader: <c>while (r.Read()) { r.Code … }</c>, then check <see cref="Error"/>.
/// </summary>
public ref struct DhcpOptionReader
{
    public const byte Pad = 0;
    public const byte End = 255;

    private readonly ReadOnlySpan<byte> _options;
    private readonly bool _hasPadAndEnd;
    private int _next;

    /// <param name="options">The bytes after the magic cookie, or a relay agent option's value.</param>
    /// <param name="hasPadAndEnd">False for sub-options, where 0 and 255 are ordinary codes.</param>
    public DhcpOptionReader(ReadOnlySpan<byte> options, bool hasPadAndEnd = true)
    {
        _options = options;
        _hasPadAndEnd = hasPadAndEnd;
        _next = 0;
        Code = 0;
        Value = default;
        Error = false;
    }

    public byte Code { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>True once an option ran past the bytes.</summary>
    public bool Error { get; private set; }

    public bool Read()
    {
        while (!Error && _next < _options.Length)
        {
            var code = _options[_next];
            if (_hasPadAndEnd && code == Pad)
            {
                _next++;
                continue;
            }
            if (_hasPadAndEnd && code == End)
            {
                _next = _options.Length;
                return false;
            }
            if (_next + 2 > _options.Length || _next + 2 + _options[_next + 1] > _options.Length)
            {
                Error = true;
                return false;
            }
            Code = code;
            Value = _options.Slice(_next + 2, _options[_next + 1]);
            _next += 2 + Value.Length;
            return true;
        }
        return false;
    }
}
