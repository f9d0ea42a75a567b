using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NetOps.Snmp.Ber;
using NetOps.Snmp.Usm;

namespace NetOps.Snmp.Client;

/// <summary>
/// An SNMP manager (v1, v2c, v3 with USM) on one UDP socket, shared by any number of concurrent requests to any
/// number of agents: answers are matched by request-id and source address, so one slow or dead
/// device never delays another. Malformed and unmatched datagrams are counted and dropped.
/// </summary>
public sealed class SnmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<int, Pending> _pending = new();
    private readonly ConcurrentDictionary<(IPEndPoint, UsmUser), UsmEngine> _engines = new();
    private readonly ConcurrentDictionary<MalformedReason, long> _malformed = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private int _nextRequestId = Random.Shared.Next(1, int.MaxValue / 2);
    private long _unmatched;

    public SnmpClient()
    {
        _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public IReadOnlyDictionary<MalformedReason, long> Malformed => _malformed;
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public Task<IReadOnlyList<VarBind>> GetAsync(SnmpTarget target, IEnumerable<ObjectIdentifier> oids, CancellationToken cancellationToken = default) =>
        RequestAsync(target, id => SnmpPdu.Request(PduType.GetRequest, id, oids), cancellationToken);

    public Task<IReadOnlyList<VarBind>> GetNextAsync(SnmpTarget target, IEnumerable<ObjectIdentifier> oids, CancellationToken cancellationToken = default) =>
        RequestAsync(target, id => SnmpPdu.Request(PduType.GetNextRequest, id, oids), cancellationToken);

    public Task<IReadOnlyList<VarBind>> GetBulkAsync(SnmpTarget target, int nonRepeaters, int maxRepetitions, IEnumerable<ObjectIdentifier> oids, CancellationToken cancellationToken = default)
    {
        if (target.Version == SnmpVersion.V1)
            throw new InvalidOperationException("GetBulk does not exist in SNMPv1.");
        return RequestAsync(target, id => SnmpPdu.GetBulk(id, nonRepeaters, maxRepetitions, oids), cancellationToken);
    }

    /// <summary>Every instance below <paramref name="root"/>, in order: GetBulk for v2c, GetNext for v1.</summary>
    public async Task<IReadOnlyList<VarBind>> WalkAsync(SnmpTarget target, ObjectIdentifier root, CancellationToken cancellationToken = default)
    {
        var result = new List<VarBind>();
        var cursor = root;
        while (true)
        {
            IReadOnlyList<VarBind> page;
            try
            {
                page = target.Version == SnmpVersion.V1
                    ? await GetNextAsync(target, [cursor], cancellationToken).ConfigureAwait(false)
                    : await GetBulkAsync(target, 0, target.MaxRepetitions, [cursor], cancellationToken).ConfigureAwait(false);
            }
            catch (SnmpErrorException e) when (e.Error == SnmpError.NoSuchName && target.Version == SnmpVersion.V1)
            {
                return result; // v1 signals the end of the MIB this way
            }
            if (page.Count == 0)
                return result;
            foreach (var vb in page)
            {
                if (vb.Value.Type == SnmpType.EndOfMibView || !vb.Oid.IsBelow(root))
                    return result;
                if (vb.Oid.CompareTo(cursor) <= 0)
                    throw new InvalidOperationException($"{target} returned {vb.Oid} after {cursor}: OIDs not increasing, walk stopped.");
                result.Add(vb);
                cursor = vb.Oid;
            }
        }
    }

    private async Task<IReadOnlyList<VarBind>> RequestAsync(SnmpTarget target, Func<int, SnmpPdu> build, CancellationToken cancellationToken)
    {
        if (target.Version == SnmpVersion.V3)
            return await RequestV3Async(target, build, cancellationToken).ConfigureAwait(false);
        var requestId = NextRequestId();
        var datagram = SnmpCodec.Encode(new SnmpMessage(target.Version, target.Community, build(requestId)));
        var answer = await ExchangeAsync(target, requestId, datagram, cancellationToken).ConfigureAwait(false);
        var pdu = answer.Pdu!;
        if (pdu.ErrorStatus != 0)
            throw new SnmpErrorException(target, pdu.Error, pdu.ErrorIndex);
        return pdu.VarBinds;
    }

    private async Task<IReadOnlyList<VarBind>> RequestV3Async(SnmpTarget target, Func<int, SnmpPdu> build, CancellationToken cancellationToken)
    {
        var user = target.User ?? throw new InvalidOperationException($"{target}: SNMPv3 needs a user.");
        var engine = await EngineAsync(target, user, cancellationToken).ConfigureAwait(false);
        for (var pass = 0; pass < 3; pass++)
        {
            var msgId = NextRequestId();
            var datagram = V3Codec.Request(msgId, user, engine, build(NextRequestId()));
            var answer = await ExchangeAsync(target, msgId, datagram, cancellationToken).ConfigureAwait(false);
            var pdu = V3Codec.ReadPdu(answer.Raw!, answer.Envelope!, user, engine);
            if (pdu.Type != PduType.Report)
            {
                if (pdu.ErrorStatus != 0)
                    throw new SnmpErrorException(target, pdu.Error, pdu.ErrorIndex);
                return pdu.VarBinds;
            }
            var report = pdu.VarBinds.Count > 0 ? pdu.VarBinds[0].Oid.ToString() : "";
            switch (report)
            {
                case UsmReports.NotInTimeWindows:
                case UsmReports.UnknownEngineIds:
                    // The agent rebooted or its clock moved: take its boots and time (and engine ID) and try again.
                    engine = Engine(target, user, answer.Envelope!);
                    continue;
                default:
                    throw new UsmException($"{target}, user '{user.Name}': {UsmReports.Explain(report)}");
            }
        }
        throw new UsmException($"{target}: still not in the agent's time window after resynchronising.");
    }

    private async Task<UsmEngine> EngineAsync(SnmpTarget target, UsmUser user, CancellationToken cancellationToken)
    {
        if (_engines.TryGetValue((Normalize(target.EndPoint), user), out var known))
            return known;
        var msgId = NextRequestId();
        var answer = await ExchangeAsync(target, msgId, V3Codec.Discovery(msgId, NextRequestId()), cancellationToken).ConfigureAwait(false);
        if (answer.Envelope!.EngineId.Length == 0)
            throw new UsmException($"{target} answered engine discovery without an engine ID.");
        return Engine(target, user, answer.Envelope);
    }

    private UsmEngine Engine(SnmpTarget target, UsmUser user, V3Envelope envelope)
    {
        var engine = new UsmEngine(envelope.EngineId, envelope.Boots, envelope.Time);
        var previous = _engines.GetValueOrDefault((Normalize(target.EndPoint), user));
        if (previous is not null && previous.EngineId.AsSpan().SequenceEqual(envelope.EngineId))
        {
            engine.AuthKey = previous.AuthKey;
            engine.PrivKey = previous.PrivKey;
        }
        else
        {
            if (user.Authenticates)
                engine.AuthKey = UsmCrypto.LocalizedKey(user.Auth, user.AuthPassword, envelope.EngineId);
            if (user.Encrypts)
                engine.PrivKey = UsmCrypto.PrivacyKey(user.Auth, user.Priv, user.PrivPassword, envelope.EngineId);
        }
        _engines[(Normalize(target.EndPoint), user)] = engine;
        return engine;
    }

    /// <summary>Sends and resends one datagram until its answer (matched by id and source) arrives.</summary>
    private async Task<Answer> ExchangeAsync(SnmpTarget target, int id, byte[] datagram, CancellationToken cancellationToken)
    {
        var pending = new Pending(target.EndPoint);
        _pending[id] = pending;
        try
        {
            var remote = Normalize(target.EndPoint);
            for (var attempt = 0; attempt <= target.Retries; attempt++)
            {
                await _socket.SendToAsync(datagram, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
                // The same id on every attempt: a late answer to an earlier one still counts.
                var answered = await Task.WhenAny(pending.Answer.Task, Task.Delay(target.Timeout, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (answered == pending.Answer.Task)
                    return await pending.Answer.Task.ConfigureAwait(false);
            }
            throw new SnmpTimeoutException(target, target.Retries + 1);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private int NextRequestId()
    {
        var id = Interlocked.Increment(ref _nextRequestId) & int.MaxValue;
        return id == 0 ? NextRequestId() : id;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.IPv6Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP port unreachable reported on the next receive
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            if (V3Codec.IsV3(datagram))
            {
                V3Envelope envelope;
                try
                {
                    envelope = V3Codec.ReadEnvelope(datagram);
                }
                catch (SnmpDecodeException e)
                {
                    _malformed.AddOrUpdate(e.Reason, 1, (_, n) => n + 1);
                    continue;
                }
                if (_pending.TryGetValue(envelope.MsgId, out var waiting) && SameHost(waiting.EndPoint, (IPEndPoint)received.RemoteEndPoint))
                    waiting.Answer.TrySetResult(new Answer(null, datagram.ToArray(), envelope));
                else
                    Interlocked.Increment(ref _unmatched);
                continue;
            }
            if (!SnmpCodec.TryDecode(datagram, out var message, out var reason, out _))
            {
                _malformed.AddOrUpdate(reason, 1, (_, n) => n + 1);
                continue;
            }
            if (message!.Pdu.Type is not (PduType.Response or PduType.Report)
                || !_pending.TryGetValue(message.Pdu.RequestId, out var pending)
                || !SameHost(pending.EndPoint, (IPEndPoint)received.RemoteEndPoint))
            {
                Interlocked.Increment(ref _unmatched);
                continue;
            }
            pending.Answer.TrySetResult(new Answer(message.Pdu, null, null));
        }
    }

    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port) : endPoint;

    private static bool SameHost(IPEndPoint expected, IPEndPoint actual) =>
        Normalize(expected).Equals(Normalize(actual));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Pending(IPEndPoint endPoint)
    {
        public IPEndPoint EndPoint { get; } = endPoint;
        public TaskCompletionSource<Answer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A decoded v1/v2c PDU, or a v3 datagram with its envelope, to be checked with the user's keys.</summary>
    private sealed record Answer(SnmpPdu? Pdu, byte[]? Raw, V3Envelope? Envelope);
}
