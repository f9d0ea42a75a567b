using System.Buffers.Binary;

namespace NetOps.Analyzer.Protocols.Dhcpv6;

/// <summary>Walks DHCPv6 options (RFC 8415 §21.1): 2-byte code, 2-byte length, value. <c>while (r.Read())</c>, then <see cref="Error"/>.</summary>
public ref struct Dhcpv6OptionReader(ReadOnlySpan<byte> options)
{
    private readonly ReadOnlySpan<byte> _options = options;
    private int _next;

    public ushort Code { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>True once an option ran past the bytes.</summary>
    public bool Error { get; private set; }

    public bool Read()
    {
        if (Error || _next >= _options.Length)
            return false;
        if (_options.Length - _next < 4)
        {
            Error = true;
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(_options[(_next + 2)..]);
        if (_options.Length - _next - 4 < length)
        {
            Error = true;
            return false;
        }
        Code = BinaryPrimitives.ReadUInt16BigEndian(_options[_next..]);
        Value = _options.Slice(_next + 4, length);
        _next += 4 + length;
        return true;
    }
}
