using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Rules.DomainLists;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// Detects cryptocurrency mining (indicator 66) on TCP flows: reads the first bytes of each
/// direction (<see cref="StreamCapacity"/>) as JSON lines, HTTP bodies or WebSocket text frames and
/// hands the messages to a <see cref="MiningConversation"/>; keeps behaviour counters and the first
/// flights' sizes for every flow; and at the flow's end weighs all of it with the server's name
/// (from <see cref="IServerNames"/>) against the mining lists, reporting at most one
/// <see cref="Inspection.Detection"/> of kind "mining" per flow.
/// </summary>
public sealed class MiningInspector : IPayloadInspector
{
    public const string Kind = "mining";

    /// <summary>Bytes kept per direction: pools answer the login within the first few hundred.</summary>
    public const int StreamCapacity = 16 * 1024;

    private const byte Tcp = 6;
    private readonly Dictionary<ulong, MiningFlow> _flows = [];

    // Packets come in runs of one flow (a download, a burst): the last flow saves the lookup.
    private ulong _lastFlowId;
    private MiningFlow? _lastFlow;
    private readonly byte[] _frameText = new byte[JsonLineFramer.MaxLine];
    private readonly MiningVerdict _verdict;
    private readonly IDetectionSink _sink;

    public MiningInspector(IDetectionSink sink, DomainListSet lists, IServerNames? serverNames = null, IIdentityLookup? identity = null,
        MiningBehaviourPolicy? policy = null)
    {
        _sink = sink;
        _verdict = new MiningVerdict(Name, lists, serverNames, identity, policy ?? new MiningBehaviourPolicy());
    }

    public string Name => "mining";

    /// <summary>Flows being followed now.</summary>
    public int OpenFlows => _flows.Count;

    /// <summary>Messages of candidate flows that were not JSON objects (counted, skipped).</summary>
    public long MalformedMessages { get; private set; }

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != Tcp)
            return FlowInterest.None;
        var flow = _lastFlowId == context.FlowId ? _lastFlow : null;
        if (flow is null && !_flows.TryGetValue(context.FlowId, out flow))
        {
            flow = new MiningFlow { FirstPayloadNanos = context.TimestampNanos };
            _flows.Add(context.FlowId, flow);
        }
        (_lastFlowId, _lastFlow) = (context.FlowId, flow);
        if (context.HasMacAddresses && flow.ClientMac is null)
            (flow.ClientMac, flow.ServerMac) = context.FromClient ? (context.SourceMac, context.DestinationMac) : (context.DestinationMac, context.SourceMac);
        flow.Behaviour.Add(context.FromClient, payload.Length, context.TimestampNanos);
        if (flow.Mode == MiningFlowMode.Undecided)
            flow.Mode = Decide(flow, context.FromClient, payload);
        if (!flow.Reading)
            return FlowInterest.Packets;
        var stream = flow.Stream(context.FromClient, StreamCapacity);
        if (!stream.Add(context.TcpSequence, payload))
            return FlowInterest.Packets;
        flow.Conversation ??= new MiningConversation();
        if (flow.Mode == MiningFlowMode.JsonLines)
            ReadLines(flow, context.FromClient, stream, context.TimestampNanos);
        else
            ReadHttp(flow, context.FromClient, stream, context.TimestampNanos);
        var conversation = flow.Conversation;
        if (conversation.IsSettled || conversation.IsForeign || flow.WebRequest || (flow.ClientStream?.IsFull ?? false) && (flow.ServerStream?.IsFull ?? true))
            flow.StopReading();
        return FlowInterest.Packets;
    }

    public void OnFlowEnd(in FlowSummary flow)
    {
        if (!_flows.Remove(flow.FlowId, out var state))
            return;
        if (_lastFlowId == flow.FlowId)
            _lastFlow = null;
        state.StopReading();
        MalformedMessages += state.Conversation?.Malformed ?? 0;
        if (_verdict.Judge(flow, state) is { } detection)
            _sink.Report(detection);
    }

    public void OnEnd()
    {
        _flows.Clear();
        _lastFlow = null;
    }

    private static MiningFlowMode Decide(MiningFlow flow, bool fromClient, ReadOnlySpan<byte> payload)
    {
        var first = payload.TrimStart(" \t\r\n"u8);
        if (first.IsEmpty)
            return MiningFlowMode.Undecided;
        flow.Plaintext = true;
        if (first[0] == (byte)'{')
            return MiningFlowMode.JsonLines;
        if (fromClient && HttpMessageFramer.LooksLikeRequest(first))
            return MiningFlowMode.Http;
        flow.Plaintext = KnownBinaryProtocols.IsCryptocurrencyNode(first);
        // TLS handshake record, version 3.x.
        flow.Tls = payload.Length >= 3 && payload[0] == 0x16 && payload[1] == 0x03;
        return MiningFlowMode.Opaque;
    }

    private void ReadLines(MiningFlow flow, bool fromClient, TcpDirectionStream stream, long timestampNanos)
    {
        ref var framer = ref fromClient ? ref flow.ClientLines : ref flow.ServerLines;
        while (framer.TryNext(stream.Data, out var line) && !flow.Conversation!.IsSettled)
            flow.Conversation.OnMessage(fromClient, line, timestampNanos);
    }

    private void ReadHttp(MiningFlow flow, bool fromClient, TcpDirectionStream stream, long timestampNanos)
    {
        var conversation = flow.Conversation!;
        var webSocket = fromClient ? flow.ClientWebSocket : flow.ServerWebSocket;
        if (!webSocket)
        {
            ref var http = ref fromClient ? ref flow.ClientHttp : ref flow.ServerHttp;
            while (http.TryNext(stream.Data, out var message))
            {
                if (message.IsWebSocketUpgrade)
                {
                    webSocket = true;
                    if (fromClient)
                    {
                        flow.ClientWebSocket = true;
                        flow.ClientFrames = new WebSocketFrameReader(http.Consumed);
                    }
                    else
                    {
                        flow.ServerWebSocket = true;
                        flow.ServerFrames = new WebSocketFrameReader(http.Consumed);
                    }
                    break;
                }
                if (message.IsRequest && !message.IsPost)
                {
                    flow.WebRequest = true;
                    return;
                }
                if (!message.Body.IsEmpty)
                    conversation.OnMessage(fromClient, message.Body, timestampNanos);
            }
            if (!webSocket)
                return;
        }
        ref var frames = ref fromClient ? ref flow.ClientFrames : ref flow.ServerFrames;
        while (frames.TryNextText(stream.Data, _frameText, out var text) && !conversation.IsSettled)
            conversation.OnMessage(fromClient, text, timestampNanos);
    }
}
