using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NetOps.Snmp.Ber;

namespace NetOps.Snmp.Client;

/// <summary>
/// An SNMP v1/v2c manager on one UDP socket, shared by any number of concurrent requests to any
/// number of agents: answers are matched by request-id and source address, so one slow or dead
/// device never delays another. Malformed and unmatched datagrams are counted and dropped.
/// </summary>
public sealed class SnmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<int, Pending> _pending = new();
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
        var requestId = NextRequestId();
        var datagram = SnmpCodec.Encode(new SnmpMessage(target.Version, target.Community, build(requestId)));
        var pending = new Pending(target.EndPoint);
        _pending[requestId] = pending;
        try
        {
            var remote = Normalize(target.EndPoint);
            for (var attempt = 0; attempt <= target.Retries; attempt++)
            {
                await _socket.SendToAsync(datagram, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
                // The same request-id on every attempt: a late answer to an earlier one still counts.
                var answered = await Task.WhenAny(pending.Answer.Task, Task.Delay(target.Timeout, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (answered == pending.Answer.Task)
                {
                    var pdu = await pending.Answer.Task.ConfigureAwait(false);
                    if (pdu.ErrorStatus != 0)
                        throw new SnmpErrorException(target, pdu.Error, pdu.ErrorIndex);
                    return pdu.VarBinds;
                }
            }
            throw new SnmpTimeoutException(target, target.Retries + 1);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
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
            if (!SnmpCodec.TryDecode(buffer.AsSpan(0, received.ReceivedBytes), out var message, out var reason, out _))
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
            pending.Answer.TrySetResult(message.Pdu);
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
        public TaskCompletionSource<SnmpPdu> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
