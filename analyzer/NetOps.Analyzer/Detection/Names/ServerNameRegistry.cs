using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Detectors.Names;

/// <summary>
/// The server name of each open flow: the one the client itself sent (TLS or QUIC SNI, HTTP Host)
/// when the TLS, QUIC and HTTP inspectors saw it, else the name the client resolved the server's
/// address from (<see cref="DnsAnswerCache"/>, filled by the DNS inspector) when the flow began.
/// Add it to the pipeline as an inspector (after the DNS inspector) and as its <see cref="IServerNames"/>.
/// It also forwards every name seen to its observers, and counts the DNS-visibility figure.
/// </summary>
public sealed class ServerNameRegistry : IServerNames, IPayloadInspector
{
    private readonly Dictionary<ulong, (string Name, ServerNameSource Source)> _flows = new();
    private readonly List<IServerNameObserver> _observers = [];

    public ServerNameRegistry(DnsAnswerCache? cache = null) => Answers = cache ?? new DnsAnswerCache();

    public string Name => "names";

    public DnsAnswerCache Answers { get; }

    public ServerNameVisibility Visibility { get; } = new();

    public void AddObserver(IServerNameObserver observer) => _observers.Add(observer);

    /// <summary>A detector saw <paramref name="name"/> in this packet; a flow's own name (SNI, Host) replaces one from DNS.</summary>
    public void Seen(in PayloadContext context, string name, ServerNameSource source)
    {
        if (source != ServerNameSource.DnsQuery
            && (!_flows.TryGetValue(context.FlowId, out var known) || known.Source == ServerNameSource.DnsAnswer))
            _flows[context.FlowId] = (name, source);
        foreach (var observer in _observers)
            observer.OnServerName(context, name, source);
    }

    public bool TryGetServerName(ulong flowId, out string serverName)
    {
        if (_flows.TryGetValue(flowId, out var entry))
        {
            serverName = entry.Name;
            return true;
        }
        serverName = "";
        return false;
    }

    /// <summary>The source of a flow's name, when it has one.</summary>
    public bool TryGetSource(ulong flowId, out ServerNameSource source)
    {
        source = default;
        if (!_flows.TryGetValue(flowId, out var entry))
            return false;
        source = entry.Source;
        return true;
    }

    /// <summary>Every flow's end counts in <see cref="Visibility"/>.</summary>
    public bool EndOfEveryFlow => true;

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        // The client's first payload packet: the DNS answer, if any, came before it.
        if (!context.FromClient)
            return FlowInterest.Packets;
        if (context.PayloadPacketInDirection == 1 && !_flows.ContainsKey(context.FlowId)
            && Answers.TryGet(context.Client, context.Server, context.TimestampNanos, out var name))
            Seen(context, name, ServerNameSource.DnsAnswer);
        return FlowInterest.None;
    }

    public void OnFlowEnd(in FlowSummary flow)
    {
        if (flow.Protocol is 6 or 17 && flow.PacketsFromClient + flow.PacketsFromServer > 0 && !IsNameService(flow.ServerPort))
            Visibility.Count(_flows.TryGetValue(flow.FlowId, out var entry) ? entry.Source : null);
        _flows.Remove(flow.FlowId);
    }

    /// <summary>DNS, mDNS and LLMNR flows are the naming itself, not flows to name.</summary>
    private static bool IsNameService(ushort port) => port is 53 or 5353 or 5355;
}

/// <summary>How many ended flows had a known server name, by where it came from: coverage stated, not assumed.</summary>
public sealed class ServerNameVisibility
{
    private readonly long[] _bySource = new long[Enum.GetValues<ServerNameSource>().Length];

    /// <summary>TCP and UDP flows that ended (name-service flows excluded).</summary>
    public long Flows { get; private set; }

    public long Named { get; private set; }

    public long NamedBy(ServerNameSource source) => _bySource[(int)source];

    /// <summary>Share of flows whose server name is known (0 when no flow ended).</summary>
    public double Share => Flows == 0 ? 0 : (double)Named / Flows;

    internal void Count(ServerNameSource? source)
    {
        Flows++;
        if (source is { } known)
        {
            Named++;
            _bySource[(int)known]++;
        }
    }
}
