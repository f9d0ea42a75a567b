using System.Buffers;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// The first bytes of one direction of a TCP flow, in sequence order, bounded: segments are placed
/// by sequence number (relative to the first one seen), retransmitted bytes are dropped, a few
/// segments that arrive early wait for the gap before them. When a gap does not fill (a lost segment,
/// the wait list full), the stream jumps over it and writes a '\n' in its place, so a line framer
/// never joins the two sides of the hole into one message.
/// The buffer comes from the shared pool and grows to <see cref="Capacity"/>; <see cref="Release"/> returns it.
/// </summary>
internal sealed class TcpDirectionStream
{
    /// <summary>How far ahead of the expected sequence number a segment may arrive and still wait.</summary>
    public const int ReorderWindow = 64 * 1024;

    /// <summary>How many early segments wait for a gap before the stream gives up on it.</summary>
    public const int MaxWaiting = 8;

    private const int InitialSize = 2048;
    private byte[]? _buffer;
    private int _length;
    private bool _started;
    private uint _next;
    private readonly List<(uint Sequence, byte[] Data)> _waiting = [];

    public TcpDirectionStream(int capacity) => Capacity = capacity;

    /// <summary>The most bytes this stream keeps; later bytes are not stored.</summary>
    public int Capacity { get; }

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, _length);

    public bool IsFull => _length >= Capacity;

    /// <summary>Bytes that arrived again (retransmissions, overlaps) and were dropped.</summary>
    public long RetransmittedBytes { get; private set; }

    /// <summary>Holes the stream jumped over.</summary>
    public int Gaps { get; private set; }

    /// <summary>Places one segment; returns true when bytes were added to <see cref="Data"/>.</summary>
    public bool Add(uint sequence, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || IsFull)
            return false;
        if (!_started)
        {
            _started = true;
            _next = sequence;
        }
        var offset = (int)(sequence - _next);
        if (offset > 0)
        {
            if (offset <= ReorderWindow && _waiting.Count < MaxWaiting)
            {
                _waiting.Add((sequence, payload.ToArray()));
                return false;
            }
            // The hole will not fill: go on after it, from the earliest segment at hand.
            _waiting.Add((sequence, payload.ToArray()));
            JumpToEarliestWaiting();
            return true;
        }
        var added = Append(sequence, payload);
        return DrainWaiting() | added;
    }

    /// <summary>Gives the buffer back to the pool; the stream is empty afterwards.</summary>
    public void Release()
    {
        if (_buffer is not null)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _length = 0;
        _waiting.Clear();
    }

    private bool Append(uint sequence, ReadOnlySpan<byte> payload)
    {
        var offset = (int)(sequence - _next);
        if (offset < 0)
        {
            var old = Math.Min(-offset, payload.Length);
            RetransmittedBytes += old;
            payload = payload[old..];
        }
        if (payload.IsEmpty)
            return false;
        _next += (uint)payload.Length;
        Write(payload);
        return true;
    }

    private bool DrainWaiting()
    {
        var added = false;
        for (var again = true; again && _waiting.Count > 0;)
        {
            again = false;
            for (var i = 0; i < _waiting.Count; i++)
            {
                var (sequence, data) = _waiting[i];
                if ((int)(sequence - _next) > 0)
                    continue;
                _waiting.RemoveAt(i);
                added |= Append(sequence, data);
                again = true;
                break;
            }
        }
        return added;
    }

    private void JumpToEarliestWaiting()
    {
        var earliest = _waiting[0].Sequence;
        foreach (var (sequence, _) in _waiting)
            if ((int)(sequence - earliest) < 0)
                earliest = sequence;
        Gaps++;
        Write("\n"u8);
        _next = earliest;
        DrainWaiting();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var room = Capacity - _length;
        if (room <= 0)
            return;
        if (bytes.Length > room)
            bytes = bytes[..room];
        var needed = _length + bytes.Length;
        if (_buffer is null || _buffer.Length < needed)
        {
            var size = Math.Min(Capacity, Math.Max(needed, Math.Max(InitialSize, (_buffer?.Length ?? 0) * 2)));
            var grown = ArrayPool<byte>.Shared.Rent(size);
            if (_buffer is not null)
            {
                _buffer.AsSpan(0, _length).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            _buffer = grown;
        }
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }
}
