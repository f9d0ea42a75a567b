using System.Text;
using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Protocols.Tls;

namespace NetOps.Analyzer.Detectors.Tls;

/// <summary>
/// TLS over TCP on any port: a flow whose client's first payload starts a handshake record is kept
/// in a bounded <see cref="TcpStreamPrefix"/> until its ClientHello is whole; then its SNI goes to the
/// <see cref="ServerNameRegistry"/> and a <see cref="ClientHelloSummary"/> (SNI, ALPN, JA4) is kept
/// for the flow. Every other flow costs one check of its first client packet.
/// </summary>
public sealed class TlsInspector(ServerNameRegistry names) : IPayloadInspector
{
    /// <summary>Largest ClientHello read (post-quantum key shares make them ~1.8 KB; 16 KiB leaves room).</summary>
    public const int MaxHelloBytes = 16 * 1024;

    private readonly Dictionary<ulong, TcpStreamPrefix> _pending = new();
    private readonly Dictionary<ulong, ClientHelloSummary> _hellos = new();
    private readonly byte[] _scratch = new byte[MaxHelloBytes];

    public string Name => "tls";

    public TlsCounters Counters { get; } = new();

    public bool TryGetClientHello(ulong flowId, out ClientHelloSummary hello) => _hellos.TryGetValue(flowId, out hello!);

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != 6)
            return FlowInterest.None;
        // The server may speak first; the client's first payload decides.
        if (!context.FromClient)
            return FlowInterest.Packets;
        TcpStreamPrefix? prefix;
        if (context.PayloadPacketInDirection == 1)
        {
            if (!TlsClientHelloLocator.LooksLikeHandshakeRecord(payload))
                return FlowInterest.None;
            prefix = new TcpStreamPrefix(MaxHelloBytes + 5 * 8);
            _pending[context.FlowId] = prefix;
        }
        else if (!_pending.TryGetValue(context.FlowId, out prefix))
        {
            return FlowInterest.None;
        }
        var appended = prefix.Append(context.TcpSequence, payload);
        if (appended == StreamAppend.Duplicate)
            return FlowInterest.Packets;
        var status = TlsClientHelloLocator.Find(prefix.Bytes, _scratch, out var message, out var reason);
        if (status == TlsHelloStatus.NeedMore && appended is StreamAppend.Added)
            return FlowInterest.Packets;
        _pending.Remove(context.FlowId);
        if (status == TlsHelloStatus.NeedMore)
        {
            Counters.Incomplete++;
            return FlowInterest.None;
        }
        if (status == TlsHelloStatus.Complete && !TlsClientHelloReader.TryRead(message, out _, out reason))
            status = TlsHelloStatus.Malformed;
        if (status == TlsHelloStatus.Malformed)
        {
            Counters.CountMalformed(reason);
            return FlowInterest.None;
        }
        if (status != TlsHelloStatus.Complete)
            return FlowInterest.None;
        TlsClientHelloReader.TryRead(message, out var hello, out _);
        var summary = Summarize(hello, Ja4Fingerprint.Tcp);
        _hellos[context.FlowId] = summary;
        Counters.Hellos++;
        if (summary.ServerName is null)
            Counters.HellosWithoutServerName++;
        else
            names.Seen(context, summary.ServerName, ServerNameSource.TlsSni);
        return FlowInterest.End;
    }

    public void OnFlowEnd(in FlowSummary flow)
    {
        if (_pending.Remove(flow.FlowId))
            Counters.Incomplete++;
        _hellos.Remove(flow.FlowId);
    }

    /// <summary>The summary of a hello (shared with the QUIC inspector). Allocates its strings.</summary>
    internal static ClientHelloSummary Summarize(in TlsClientHelloReader hello, char transport)
    {
        string? alpn = null;
        foreach (var protocol in hello.AlpnProtocols)
        {
            alpn = Encoding.ASCII.GetString(protocol);
            break;
        }
        string? serverName = hello.TryGetServerName(out var name) && !name.IsEmpty ? Encoding.ASCII.GetString(name).TrimEnd('.').ToLowerInvariant() : null;
        return new ClientHelloSummary(serverName, alpn, Ja4Fingerprint.Compute(hello, transport), hello.HighestVersion);
    }
}
