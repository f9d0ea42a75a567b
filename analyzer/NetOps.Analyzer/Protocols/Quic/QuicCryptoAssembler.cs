namespace NetOps.Analyzer.Protocols.Quic;

/// <summary>
/// The start of the client's Initial CRYPTO stream, put together from frames that may arrive out of
/// order, repeated or overlapping, over several packets (RFC 9000 19.6), up to a bound: enough to
/// hold the ClientHello.
/// </summary>
public sealed class QuicCryptoAssembler(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private readonly bool[] _filled = new bool[capacity];

    /// <summary>Bytes from offset 0 with no hole.</summary>
    public int ContiguousLength { get; private set; }

    /// <summary>A frame beyond the bound was cut (the hello cannot be whole if it needs those bytes).</summary>
    public bool Overflowed { get; private set; }

    public void Add(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset >= (ulong)_buffer.Length)
        {
            Overflowed |= !data.IsEmpty;
            return;
        }
        var start = (int)offset;
        var taken = Math.Min(data.Length, _buffer.Length - start);
        Overflowed |= taken < data.Length;
        data[..taken].CopyTo(_buffer.AsSpan(start));
        _filled.AsSpan(start, taken).Fill(true);
        while (ContiguousLength < _buffer.Length && _filled[ContiguousLength])
            ContiguousLength++;
    }

    /// <summary>The first handshake message (the ClientHello), once all its bytes are in.</summary>
    public bool TryGetFirstMessage(out ReadOnlySpan<byte> message)
    {
        message = default;
        if (ContiguousLength < 4)
            return false;
        var length = 4 + ((_buffer[1] << 16) | (_buffer[2] << 8) | _buffer[3]);
        if (length > ContiguousLength)
            return false;
        message = _buffer.AsSpan(0, length);
        return true;
    }

    /// <summary>True when the first message can never be whole: it is longer than the bound.</summary>
    public bool FirstMessageTooLarge => ContiguousLength >= 4 && 4 + ((_buffer[1] << 16) | (_buffer[2] << 8) | _buffer[3]) > _buffer.Length;
}
