using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Protocols.Radius;
using NetOps.Snmp;

namespace NetOps.Collector.Identity.RadiusAccounting;

/// <summary>
/// A RADIUS accounting server on one UDP port (RFC 2866): each Accounting-Request from a configured
/// client whose Request Authenticator checks out with that client's secret is answered with an
/// Accounting-Response and handed on as an <see cref="AccountingRecord"/>. Unknown clients, bad
/// authenticators, malformed packets and other codes are counted and not answered. A retransmission
/// (same sender, identifier and authenticator) is answered again but handed on once.
/// </summary>
public sealed class RadiusAccountingReceiver : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Dictionary<IPAddress, string> _secrets;
    private readonly int _duplicateWindow;
    private readonly Dictionary<(IPEndPoint, byte, UInt128), byte[]> _answered = [];
    private readonly Queue<(IPEndPoint, byte, UInt128)> _answeredOrder = new();
    private readonly Channel<AccountingRecord> _records = Channel.CreateBounded<AccountingRecord>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly ConcurrentDictionary<string, long> _dropped = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _answeredCount;
    private long _duplicates;

    public RadiusAccountingReceiver(RadiusAccountingOptions options)
    {
        _secrets = options.Clients.ToDictionary(c => Normalize(c.Address), c => c.Secret);
        _duplicateWindow = options.DuplicateWindow;
        _socket = new Socket(options.Listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(options.Listen);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    public ChannelReader<AccountingRecord> Records => _records.Reader;

    /// <summary>Requests answered with an Accounting-Response (retransmissions included).</summary>
    public long Answered => Interlocked.Read(ref _answeredCount);

    /// <summary>Retransmissions answered again without a second record.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Datagrams not answered, by reason: unknown_client, bad_authenticator, not_accounting_request, malformed_*.</summary>
    public IReadOnlyDictionary<string, long> Dropped => _dropped;

    private void Drop(string reason) => _dropped.AddOrUpdate(reason, 1, (_, n) => n + 1);

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private Task ReceiveLoopAsync() => UdpReceiveLoop.RunAsync(_socket, RadiusReader.MaxLength, AnswerAsync, _stop.Token);

    private async Task AnswerAsync(ReadOnlyMemory<byte> datagram, IPEndPoint sender)
    {
        var response = Handle(datagram.Span, sender);
        if (response is null)
            return;
        try
        {
            await _socket.SendToAsync(response, SocketFlags.None, sender).ConfigureAwait(false);
            Interlocked.Increment(ref _answeredCount);
        }
        catch (SocketException)
        {
            Drop("send_failed");
        }
    }

    /// <summary>Checks one datagram; the response to send, or null when it is dropped.</summary>
    private byte[]? Handle(ReadOnlySpan<byte> datagram, IPEndPoint sender)
    {
        if (!_secrets.TryGetValue(Normalize(sender.Address), out var secret))
        {
            Drop("unknown_client");
            return null;
        }
        if (!RadiusReader.TryRead(datagram, out var request, out var error))
        {
            Drop("malformed_" + error.ToString().ToLowerInvariant());
            return null;
        }
        if (request.Code != RadiusCode.AccountingRequest)
        {
            Drop("not_accounting_request");
            return null;
        }
        if (!RadiusAuthenticator.IsValidAccountingRequest(request.Packet, secret))
        {
            Drop("bad_authenticator");
            return null;
        }
        var key = (sender, request.Identifier, BinaryPrimitives.ReadUInt128BigEndian(request.Authenticator));
        if (_answered.TryGetValue(key, out var earlier))
        {
            Interlocked.Increment(ref _duplicates);
            return earlier;
        }
        var response = RadiusAuthenticator.AccountingResponse(request.Packet, secret);
        Remember(key, response);
        var senderAddress = IpAddress.From(Normalize(sender.Address));
        _records.Writer.TryWrite(AccountingRecord.From(request, DateTime.UtcNow.Ticks * 100 - DateTime.UnixEpoch.Ticks * 100, senderAddress));
        return response;
    }

    private void Remember((IPEndPoint, byte, UInt128) key, byte[] response)
    {
        _answered[key] = response;
        _answeredOrder.Enqueue(key);
        if (_answeredOrder.Count > _duplicateWindow)
            _answered.Remove(_answeredOrder.Dequeue());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _records.Writer.TryComplete();
        _stop.Dispose();
    }
}
