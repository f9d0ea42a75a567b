using System.Text;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Plaintext;

/// <summary>
/// SNMPv1/v2c communities in use: once per manager, agent and community. Confirmed when the agent
/// answered with that community (it accepted it), probable for requests or traps alone (reported at
/// the end of input). The community itself is never reported: only whether it is on the list of
/// known defaults.
/// </summary>
public sealed class SnmpCommunityInspector(DefaultCommunities defaults, IDetectionSink sink, IIdentityLookup? identity = null) : IPayloadInspector
{
    public const int MaxTracked = 4_096;

    private readonly Dictionary<(IpAddress Manager, IpAddress Agent, string Community), Seen> _seen = [];

    public string Name => "snmp_community";

    /// <summary>Manager/agent/community triples not followed because <see cref="MaxTracked"/> were.</summary>
    public long NotFollowed { get; private set; }

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != IpProtocols.Udp || !(IsSnmpPort(context.ServerPort) || IsSnmpPort(context.ClientPort)))
            return FlowInterest.None;
        if (payload.IsEmpty || payload[0] != 0x30 || !SnmpCommunityReader.TryRead(payload, out var message))
            return FlowInterest.Packets;
        // Requests go manager → agent, responses agent → manager; a trap's sender is the agent.
        var fromAgent = message.IsFromAgent;
        var manager = fromAgent ? context.Destination : context.Source;
        var agent = fromAgent ? context.Source : context.Destination;
        var key = (manager, agent, Encoding.Latin1.GetString(message.Community));
        if (!_seen.TryGetValue(key, out var seen))
        {
            if (_seen.Count >= MaxTracked)
            {
                NotFollowed++;
                return FlowInterest.Packets;
            }
            seen = new Seen(context.FlowId, fromAgent ? context.DestinationPort : context.SourcePort, fromAgent ? context.SourcePort : context.DestinationPort,
                message.VersionName, message.PduName, defaults.IsDefault(key.Item3), context.TimestampNanos,
                context.HasMacAddresses ? (fromAgent ? context.DestinationMac : context.SourceMac) : null);
            _seen[key] = seen;
        }
        seen.Last = context.TimestampNanos;
        if (message.PduType == SnmpCommunityReader.Response && !seen.Reported)
        {
            seen.Reported = true;
            sink.Report(Detection(manager, agent, seen, DetectionConfidence.Confirmed, "the agent answered with it (accepted)"));
        }
        return FlowInterest.Packets;
    }

    public void OnEnd()
    {
        foreach (var ((manager, agent, _), seen) in _seen)
        {
            if (!seen.Reported)
                sink.Report(Detection(manager, agent, seen, DetectionConfidence.Probable, seen.FirstPdu is "trap" or "snmpV2-trap" ? "sent in a trap" : "no answer seen"));
        }
        _seen.Clear();
    }

    private static bool IsSnmpPort(ushort port) => port is 161 or 162;

    private Detection Detection(IpAddress manager, IpAddress agent, Seen seen, DetectionConfidence confidence, string outcome) =>
        PlaintextDetection.Create("snmp", Name, confidence, IpProtocols.Udp, seen.FlowId, manager, seen.ManagerPort, agent, seen.AgentPort, seen.ManagerMac,
            seen.First, seen.Last,
            $"SNMP{seen.Version} {seen.FirstPdu} {manager}→{agent}:{seen.AgentPort} with a community in clear (value not kept); "
            + (seen.IsDefault ? "a known default community (weak)" : "not a known default") + "; " + outcome,
            identity, seen.IsDefault ? defaults.Version : null);

    private sealed class Seen(ulong flowId, ushort managerPort, ushort agentPort, string version, string firstPdu, bool isDefault, long first, MacAddress? managerMac)
    {
        public ulong FlowId { get; } = flowId;
        public ushort ManagerPort { get; } = managerPort;
        public ushort AgentPort { get; } = agentPort;
        public string Version { get; } = version;
        public string FirstPdu { get; } = firstPdu;
        public bool IsDefault { get; } = isDefault;
        public long First { get; } = first;
        public MacAddress? ManagerMac { get; } = managerMac;
        public long Last { get; set; }
        public bool Reported { get; set; }
    }
}
