namespace NetOps.Analyzer.Detectors;

/// <summary>What <see cref="TcpStreamPrefix.Append"/> did with a segment.</summary>
public enum StreamAppend : byte
{
    /// <summary>New bytes were added (a retransmitted overlap trimmed).</summary>
    Added,
    /// <summary>Nothing new: a retransmission of bytes already held.</summary>
    Duplicate,
    /// <summary>The segment starts after a missing one: the prefix cannot grow any more.</summary>
    Gap,
    /// <summary>The bound is reached: bytes beyond it are dropped.</summary>
    Full,
}

/// <summary>
/// The first bytes of one direction of a TCP stream, in sequence order, up to a bound: what an
/// inspector keeps per flow to read a message that spans segments (a ClientHello, HTTP headers).
/// Retransmissions are trimmed by sequence number; a gap (a lost or reordered segment) ends growth.
/// </summary>
public sealed class TcpStreamPrefix(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private uint _nextSequence;
    private bool _stopped;

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    public int Capacity => _buffer.Length;

    public StreamAppend Append(uint sequence, ReadOnlySpan<byte> payload)
    {
        if (Length == 0 && !_stopped)
            _nextSequence = sequence;
        var offset = (int)(sequence - _nextSequence);
        if (offset > 0)
        {
            _stopped = true;
            return StreamAppend.Gap;
        }
        if (-offset >= payload.Length)
            return StreamAppend.Duplicate;
        if (_stopped)
            return StreamAppend.Gap;
        payload = payload[(-offset)..];
        var room = _buffer.Length - Length;
        var taken = Math.Min(room, payload.Length);
        payload[..taken].CopyTo(_buffer.AsSpan(Length));
        Length += taken;
        _nextSequence += (uint)taken;
        if (taken < payload.Length)
        {
            _stopped = true;
            return StreamAppend.Full;
        }
        return StreamAppend.Added;
    }
}
