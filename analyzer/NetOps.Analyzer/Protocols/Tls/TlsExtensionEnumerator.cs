using System.Buffers.Binary;

namespace NetOps.Analyzer.Protocols.Tls;

/// <summary>One extension of a checked extensions block.</summary>
public readonly ref struct TlsExtension(ushort type, ReadOnlySpan<byte> data)
{
    public ushort Type { get; } = type;

    public ReadOnlySpan<byte> Data { get; } = data;
}

/// <summary>The extensions of a block <see cref="TlsClientHelloReader"/> checked, in wire order.</summary>
public ref struct TlsExtensionEnumerator(ReadOnlySpan<byte> block)
{
    private ReadOnlySpan<byte> _rest = block;

    public TlsExtension Current { get; private set; }

    public readonly TlsExtensionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.Length < 4)
            return false;
        var length = BinaryPrimitives.ReadUInt16BigEndian(_rest[2..]);
        Current = new TlsExtension(BinaryPrimitives.ReadUInt16BigEndian(_rest), _rest.Slice(4, length));
        _rest = _rest[(4 + length)..];
        return true;
    }
}

/// <summary>Length-prefixed (1 byte) strings, as in ALPN's protocol list.</summary>
public ref struct TlsByteStringEnumerator(ReadOnlySpan<byte> list)
{
    private ReadOnlySpan<byte> _rest = list;

    public ReadOnlySpan<byte> Current { get; private set; }

    public readonly TlsByteStringEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.IsEmpty)
            return false;
        Current = _rest.Slice(1, _rest[0]);
        _rest = _rest[(1 + _rest[0])..];
        return true;
    }
}
