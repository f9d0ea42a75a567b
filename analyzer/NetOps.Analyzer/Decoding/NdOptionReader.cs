namespace NetOps.Analyzer.Decoding;

/// <summary>
/// Walks neighbour discovery options (RFC 4861 §4.6): type, length in 8-byte units, value. Use
/// like a reader: <c>while (r.Read()) { r.Type … }</c>, then check <see cref="Error"/>.
/// </summary>
public ref struct NdOptionReader
{
    public const byte SourceLinkLayerAddress = 1;
    public const byte TargetLinkLayerAddress = 2;
    public const byte PrefixInformation = 3;
    public const byte Mtu = 5;

    private readonly ReadOnlySpan<byte> _options;
    private int _offset;
    private int _length;

    public NdOptionReader(ReadOnlySpan<byte> options)
    {
        _options = options;
        _offset = 0;
        _length = 0;
        Error = false;
    }

    /// <summary>True once an option with length 0 or running past the bytes was met.</summary>
    public bool Error { get; private set; }

    public readonly byte Type => _options[_offset];

    /// <summary>The option's bytes after type and length.</summary>
    public readonly ReadOnlySpan<byte> Value => _options.Slice(_offset + 2, _length - 2);

    /// <summary>True for a source/target link-layer address option holding a 6-byte MAC.</summary>
    public readonly bool IsLinkLayerAddress => Type is SourceLinkLayerAddress or TargetLinkLayerAddress && _length == 8;

    public readonly MacAddress LinkLayerAddress => MacAddress.Read(_options.Slice(_offset + 2, 6));

    /// <summary>Moves to the next option; false at the end or on a bad option (then <see cref="Error"/>).</summary>
    public bool Read()
    {
        if (Error)
            return false;
        var next = _offset + _length;
        if (next >= _options.Length)
            return false;
        if (_options.Length - next < 2 || _options[next + 1] == 0 || _options[next + 1] * 8 > _options.Length - next)
        {
            Error = true;
            return false;
        }
        _offset = next;
        _length = _options[next + 1] * 8;
        return true;
    }
}
