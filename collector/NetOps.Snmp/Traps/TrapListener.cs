using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using NetOps.Snmp.Ber;
using NetOps.Snmp.Usm;

namespace NetOps.Snmp.Traps;

/// <summary>
/// Receives SNMP notifications on one UDP port: v1 and v2c traps, v3 traps (the sender is the
/// authoritative engine) and informs of every version (we are; informs are acknowledged with a
/// Response, and a v3 sender first discovers our engine ID, boots and time). Datagrams that are
/// malformed, carry an unknown community or user, or fail authentication are counted and dropped.
/// </summary>
public sealed class TrapListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TrapListenerOptions _options;
    private readonly UsmEngine _engine;
    private readonly HashSet<string> _communities;
    private readonly Dictionary<string, UsmUser> _users;
    private readonly ConcurrentDictionary<(string User, string EngineId), (byte[]? Auth, byte[]? Priv)> _keys = new();
    private readonly Channel<SnmpNotification> _received = Channel.CreateBounded<SnmpNotification>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly ConcurrentDictionary<string, long> _dropped = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TrapListener(IPEndPoint bind, TrapListenerOptions options)
    {
        _options = options;
        _engine = new UsmEngine(options.EngineId ?? UsmEngine.NewLocalEngineId(), options.EngineBoots, 0);
        _communities = new HashSet<string>(options.Communities, StringComparer.Ordinal);
        _users = options.Users.ToDictionary(u => u.Name, StringComparer.Ordinal);
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bind);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint EndPoint { get; }
    public byte[] EngineId => _engine.EngineId;
    public ChannelReader<SnmpNotification> Notifications => _received.Reader;

    /// <summary>Dropped datagrams by reason (malformed, unknown_community, unknown_user, wrong_digest, ...).</summary>
    public IReadOnlyDictionary<string, long> Dropped => _dropped;

    private void Drop(string reason) => _dropped.AddOrUpdate(reason, 1, (_, n) => n + 1);

    private Task ReceiveLoopAsync() => UdpReceiveLoop.RunAsync(_socket, 65536, HandleAsync, _stop.Token);

    private async Task HandleAsync(ReadOnlyMemory<byte> received, IPEndPoint source)
    {
        var datagram = received.ToArray();
        try
        {
            if (V3Codec.IsV3(datagram))
                await HandleV3Async(datagram, source).ConfigureAwait(false);
            else
                await HandleCommunityAsync(datagram, source).ConfigureAwait(false);
        }
        catch (SnmpDecodeException e)
        {
            Drop("malformed_" + e.Reason.ToString().ToLowerInvariant());
        }
        catch (UsmException)
        {
            Drop("wrong_digest");
        }
        catch (CryptographicException)
        {
            Drop("decryption_error");
        }
    }

    private async Task HandleCommunityAsync(byte[] datagram, IPEndPoint source)
    {
        if (!SnmpCodec.TryDecode(datagram, out var message, out var reason, out _))
        {
            Drop("malformed_" + reason.ToString().ToLowerInvariant());
            return;
        }
        if (_communities.Count > 0 && !_communities.Contains(Encoding.UTF8.GetString(message!.Community)))
        {
            Drop("unknown_community");
            return;
        }
        var pdu = message!.Pdu;
        if (pdu.Type is not (PduType.TrapV1 or PduType.TrapV2 or PduType.InformRequest))
        {
            Drop("not_a_notification");
            return;
        }
        if (pdu.Type == PduType.InformRequest)
        {
            var ack = SnmpCodec.Encode(message with { Pdu = pdu with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0 } });
            await _socket.SendToAsync(ack, SocketFlags.None, source).ConfigureAwait(false);
        }
        Publish(SnmpNotification.FromVarBinds(source, message.Version, pdu.Type, null, pdu.VarBinds));
    }

    private async Task HandleV3Async(byte[] datagram, IPEndPoint source)
    {
        var envelope = V3Codec.ReadEnvelope(datagram);
        var userName = Encoding.UTF8.GetString(envelope.UserName);
        var toUs = envelope.EngineId.AsSpan().SequenceEqual(_engine.EngineId);
        var reportable = (envelope.Flags & V3Codec.FlagReportable) != 0;

        if (envelope.EngineId.Length == 0 || (!toUs && reportable))
        {
            // Engine discovery by an inform sender: tell it who we are, answering its request-id.
            if (reportable)
                await ReportAsync(envelope, source, UsmReports.UnknownEngineIds, null, PlainRequestId(datagram, envelope)).ConfigureAwait(false);
            Drop("discovery");
            return;
        }
        if (!_users.TryGetValue(userName, out var user))
        {
            if (reportable)
                await ReportAsync(envelope, source, UsmReports.UnknownUserNames, null, PlainRequestId(datagram, envelope)).ConfigureAwait(false);
            Drop("unknown_user");
            return;
        }
        // Keys are localized to the authoritative engine: ours for informs, the sender's for traps.
        var engine = toUs ? _engine : new UsmEngine(envelope.EngineId, envelope.Boots, envelope.Time);
        var keys = _keys.GetOrAdd((user.Name, Convert.ToHexString(engine.EngineId)), _ => (
            user.Authenticates ? UsmCrypto.LocalizedKey(user.Auth, user.AuthPassword, engine.EngineId) : null,
            user.Encrypts ? UsmCrypto.PrivacyKey(user.Auth, user.Priv, user.PrivPassword, engine.EngineId) : null));
        var keyed = new UsmEngine(engine.EngineId, engine.Boots, engine.Time) { AuthKey = keys.Auth, PrivKey = keys.Priv };
        if (toUs)
            keyed = new UsmEngine(_engine.EngineId, _engine.Boots, _engine.Time) { AuthKey = keys.Auth, PrivKey = keys.Priv };

        if ((envelope.Flags & V3Codec.FlagAuth) == 0 && user.Authenticates)
        {
            Drop("unsupported_security_level");
            return;
        }
        SnmpPdu pdu;
        ScopedContext context;
        try
        {
            (pdu, context) = V3Codec.ReadScopedPdu(datagram, envelope, user, keyed);
        }
        catch (UsmException)
        {
            if (reportable)
                await ReportAsync(envelope, source, UsmReports.WrongDigests, null).ConfigureAwait(false);
            Drop("wrong_digest");
            return;
        }
        if (toUs && user.Authenticates && (envelope.Boots != _engine.Boots || Math.Abs(envelope.Time - _engine.Time) > 150))
        {
            // RFC 3414 3.2 step 7: outside our time window; an authenticated report lets the sender resynchronise.
            await ReportAsync(envelope, source, UsmReports.NotInTimeWindows, user with { }, pdu.RequestId, keyed).ConfigureAwait(false);
            Drop("not_in_time_window");
            return;
        }
        if (pdu.Type is not (PduType.TrapV2 or PduType.InformRequest))
        {
            Drop("not_a_notification");
            return;
        }
        if (pdu.Type == PduType.InformRequest)
        {
            // The response echoes the inform's context (RFC 3412 7.1 step 3): the sender matches on it.
            var response = V3Codec.Request(envelope.MsgId, user, keyed,
                pdu with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0 }, reportable: false, context);
            await _socket.SendToAsync(response, SocketFlags.None, source).ConfigureAwait(false);
        }
        Publish(SnmpNotification.FromVarBinds(source, SnmpVersion.V3, pdu.Type, user.Name, pdu.VarBinds));
    }

    /// <summary>The request-id of an unencrypted scoped PDU, or 0 when it cannot be read without keys.</summary>
    private static int PlainRequestId(byte[] datagram, V3Envelope envelope)
    {
        if ((envelope.Flags & V3Codec.FlagPriv) != 0)
            return 0;
        try
        {
            return V3Codec.ReadPdu(datagram, envelope with { Flags = (byte)(envelope.Flags & ~V3Codec.FlagAuth) }, null, null).RequestId;
        }
        catch (SnmpDecodeException)
        {
            return 0;
        }
    }

    private async Task ReportAsync(V3Envelope envelope, IPEndPoint source, string reportOid, UsmUser? user, int requestId = 0, UsmEngine? keyed = null)
    {
        var report = V3Codec.Report(envelope.MsgId, keyed ?? _engine, reportOid, (uint)_dropped.Values.Sum() + 1, requestId, user);
        await _socket.SendToAsync(report, SocketFlags.None, source).ConfigureAwait(false);
    }

    private void Publish(SnmpNotification? notification)
    {
        if (notification is null)
        {
            Drop("no_trap_oid");
            return;
        }
        _received.Writer.TryWrite(notification);
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
        _received.Writer.TryComplete();
        _stop.Dispose();
    }
}
