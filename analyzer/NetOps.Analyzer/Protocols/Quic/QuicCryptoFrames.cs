namespace NetOps.Analyzer.Protocols.Quic;

/// <summary>One CRYPTO frame's stream offset and data.</summary>
public readonly ref struct QuicCryptoFrame(ulong offset, ReadOnlySpan<byte> data)
{
    public ulong Offset { get; } = offset;

    public ReadOnlySpan<byte> Data { get; } = data;
}

/// <summary>
/// The CRYPTO frames of a decrypted Initial payload (RFC 9000 19.6), skipping the other frames an
/// Initial may carry (PADDING, PING, ACK, CONNECTION_CLOSE — 17.2.2); stops at any other frame type or
/// a frame running past the payload, with <see cref="Malformed"/> set.
/// </summary>
public ref struct QuicCryptoFrames(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _position;

    public QuicCryptoFrame Current { get; private set; }

    public bool Malformed { get; private set; }

    public readonly QuicCryptoFrames GetEnumerator() => this;

    public bool MoveNext()
    {
        while (_position < _payload.Length && !Malformed)
        {
            var type = _payload[_position++];
            switch (type)
            {
                case 0x00:
                case 0x01:
                    continue;
                case 0x02:
                case 0x03:
                    Malformed = !SkipAck(type == 0x03);
                    continue;
                case 0x06:
                    if (!QuicVarint.TryRead(_payload, ref _position, out var offset) || !QuicVarint.TryRead(_payload, ref _position, out var length)
                        || length > (ulong)(_payload.Length - _position))
                    {
                        Malformed = true;
                        return false;
                    }
                    Current = new QuicCryptoFrame(offset, _payload.Slice(_position, (int)length));
                    _position += (int)length;
                    return true;
                case 0x1c:
                    Malformed = !SkipConnectionClose();
                    continue;
                default:
                    Malformed = true;
                    return false;
            }
        }
        return false;
    }

    private bool SkipAck(bool withEcn)
    {
        if (!Varints(3) || !QuicVarint.TryRead(_payload, ref _position, out var ranges) || !Varints(1))
            return false;
        for (ulong i = 0; i < ranges; i++)
        {
            if (!Varints(2))
                return false;
        }
        return !withEcn || Varints(3);
    }

    private bool SkipConnectionClose()
    {
        if (!Varints(2) || !QuicVarint.TryRead(_payload, ref _position, out var reasonLength) || reasonLength > (ulong)(_payload.Length - _position))
            return false;
        _position += (int)reasonLength;
        return true;
    }

    private bool Varints(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!QuicVarint.TryRead(_payload, ref _position, out _))
                return false;
        }
        return true;
    }
}
