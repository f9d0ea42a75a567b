namespace NetOps.Analyzer.Protocols.Radius;

/// <summary>Walks RADIUS attributes (RFC 2865 §5): type, length (≥ 2, header included), value.</summary>
internal ref struct RadiusAttributeReader(ReadOnlySpan<byte> attributes)
{
    private readonly ReadOnlySpan<byte> _attributes = attributes;
    private int _next;

    public byte Type { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    public bool Error { get; private set; }

    public bool Read()
    {
        if (Error || _next >= _attributes.Length)
            return false;
        if (_attributes.Length - _next < 2 || _attributes[_next + 1] < 2 || _attributes[_next + 1] > _attributes.Length - _next)
        {
            Error = true;
            return false;
        }
        Type = _attributes[_next];
        Value = _attributes.Slice(_next + 2, _attributes[_next + 1] - 2);
        _next += _attributes[_next + 1];
        return true;
    }
}
