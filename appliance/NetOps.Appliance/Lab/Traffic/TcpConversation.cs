namespace NetOps.Appliance.Lab.Traffic;

/// <summary>
/// One TCP connection on the wire: handshake, data in both directions split into MSS-sized
/// segments with delayed ACKs, and an orderly close, with sequence numbers a real stack would use.
/// Time moves by half the round-trip per crossing plus each segment's serialization time.
/// </summary>
internal sealed class TcpConversation
{
    private const int Mss = 1400;
    private readonly TrafficRecorder _recorder;
    private readonly Endpoint _client;
    private readonly Endpoint _server;
    private readonly long _halfRttNanos;
    private readonly long _nanosPerByte;
    private uint _clientSeq;
    private uint _serverSeq;

    public TcpConversation(TrafficRecorder recorder, Endpoint client, Endpoint server, long startNanos, Random random,
        double rttMillis = 20, double megabitsPerSecond = 50)
    {
        _recorder = recorder;
        _client = client;
        _server = server;
        Now = startNanos;
        _halfRttNanos = (long)(rttMillis * 500_000);
        _nanosPerByte = (long)(8_000 / megabitsPerSecond);
        _clientSeq = (uint)random.NextInt64(uint.MaxValue);
        _serverSeq = (uint)random.NextInt64(uint.MaxValue);
    }

    /// <summary>Time of the last frame sent, nanoseconds since the Unix epoch.</summary>
    public long Now { get; private set; }

    public TcpConversation Open()
    {
        Send(fromClient: true, TcpFlags.Syn, []);
        _clientSeq++;
        Now += _halfRttNanos;
        Send(fromClient: false, TcpFlags.Syn | TcpFlags.Ack, []);
        _serverSeq++;
        Now += _halfRttNanos;
        Send(fromClient: true, TcpFlags.Ack, []);
        return this;
    }

    public TcpConversation ClientSends(ReadOnlySpan<byte> data) => Transfer(fromClient: true, data);

    public TcpConversation ServerSends(ReadOnlySpan<byte> data) => Transfer(fromClient: false, data);

    /// <summary>Nothing on the wire for a while (think time, idle keep-alive).</summary>
    public TcpConversation Wait(long nanos)
    {
        Now += nanos;
        return this;
    }

    public void Close()
    {
        Send(fromClient: true, TcpFlags.Fin | TcpFlags.Ack, []);
        _clientSeq++;
        Now += _halfRttNanos;
        Send(fromClient: false, TcpFlags.Fin | TcpFlags.Ack, []);
        _serverSeq++;
        Now += _halfRttNanos;
        Send(fromClient: true, TcpFlags.Ack, []);
    }

    private TcpConversation Transfer(bool fromClient, ReadOnlySpan<byte> data)
    {
        var segments = 0;
        for (var offset = 0; offset < data.Length; offset += Mss)
        {
            var segment = data.Slice(offset, Math.Min(Mss, data.Length - offset));
            var last = offset + segment.Length >= data.Length;
            Now += segment.Length * _nanosPerByte;
            Send(fromClient, last ? TcpFlags.Psh | TcpFlags.Ack : TcpFlags.Ack, segment);
            if (fromClient)
                _clientSeq += (uint)segment.Length;
            else
                _serverSeq += (uint)segment.Length;
            // The receiver acknowledges every second segment and the last one.
            if (++segments % 2 == 0 || last)
            {
                var ackTime = Now + _halfRttNanos;
                _recorder.Add(ackTime, Segment(!fromClient, TcpFlags.Ack, []));
            }
        }
        Now += 2 * _halfRttNanos;
        return this;
    }

    private void Send(bool fromClient, TcpFlags flags, ReadOnlySpan<byte> payload) =>
        _recorder.Add(Now, Segment(fromClient, flags, payload));

    private byte[] Segment(bool fromClient, TcpFlags flags, ReadOnlySpan<byte> payload)
    {
        var ack = (flags & TcpFlags.Ack) != 0;
        return fromClient
            ? _recorder.Frames.Tcp(_client, _server, _clientSeq, ack ? _serverSeq : 0, flags, payload)
            : _recorder.Frames.Tcp(_server, _client, _serverSeq, ack ? _clientSeq : 0, flags, payload);
    }
}
