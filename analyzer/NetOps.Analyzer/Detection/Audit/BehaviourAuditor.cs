using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Rules.DomainLists;

namespace NetOps.Analyzer.Detectors.Audit;

/// <summary>
/// Behaviour auditing (the observable part of "no improper speech"): every server name the
/// application detectors see — DNS queries, TLS and QUIC SNI, HTTP Host — matched against the
/// category lists of kind "prohibited_site" and "circumvention" (DoH resolvers, VPN and proxy
/// services); a match is reported as a <see cref="DetectionConfidence.Probable"/> detection of that
/// kind, once per flow and matched entry, naming the list version, the name and where it was seen.
/// Add it to the pipeline (it forgets a flow's reports when the flow ends) and to the registry's observers.
/// </summary>
public sealed class BehaviourAuditor(DomainListSet lists, IDetectionSink sink) : IServerNameObserver, IPayloadInspector
{
    public const string ProhibitedSite = "prohibited_site";
    public const string Circumvention = "circumvention";

    private readonly Dictionary<ulong, HashSet<string>> _reported = new();

    public string Name => "audit";

    /// <summary>
    /// The lists of the two kinds anywhere under the rules folder: the shipped rules/circumvention/ and
    /// what <c>netops rules import --kind prohibited_site|circumvention</c> writes to rules/KIND/.
    /// </summary>
    public static DomainListSet LoadLists(string directory) =>
        new(DomainListSet.Load(directory).Lists.Where(l => l.Info.Kind is ProhibitedSite or Circumvention));

    public void OnServerName(in PayloadContext context, string name, ServerNameSource source)
    {
        // A flow named from a DNS answer was audited when its query was seen.
        if (source == ServerNameSource.DnsAnswer || !lists.TryMatch(name, out var hit))
            return;
        if (!_reported.TryGetValue(context.FlowId, out var entries))
            _reported[context.FlowId] = entries = [];
        if (!entries.Add(hit.Entry))
            return;
        // Names are seen in packets their asker sent (a DNS query, a ClientHello, a request): the
        // sender is the client even where the flow table's sides say otherwise (a capture begun mid-flow).
        sink.Report(new Detection
        {
            Kind = hit.List.Kind,
            Confidence = DetectionConfidence.Probable,
            Protocol = Protocol(source),
            Detector = Name,
            Rule = hit.List.Version,
            FlowId = context.FlowId,
            TransportProtocol = context.Protocol,
            Client = context.Source,
            ClientPort = context.SourcePort,
            Server = context.Destination,
            ServerPort = context.DestinationPort,
            ClientMac = context.HasMacAddresses ? context.SourceMac : null,
            ServerName = name,
            FirstSeenNanos = context.TimestampNanos,
            LastSeenNanos = context.TimestampNanos,
            Evidence = Evidence(name, source, hit),
        });
    }

    private static string Protocol(ServerNameSource source) => source switch
    {
        ServerNameSource.DnsQuery => "dns",
        ServerNameSource.TlsSni => "tls",
        ServerNameSource.QuicSni => "quic",
        _ => "http",
    };

    private static string Where(ServerNameSource source) => source switch
    {
        ServerNameSource.DnsQuery => "DNS query",
        ServerNameSource.TlsSni => "TLS SNI",
        ServerNameSource.QuicSni => "QUIC SNI",
        _ => "HTTP Host",
    };

    private static string Evidence(string name, ServerNameSource source, DomainListHit hit)
    {
        var text = $"{Where(source)} '{name}' matched {hit.List.Category} entry '{hit.Entry}' of {hit.List.Name}";
        return text.Length <= 512 ? text : text[..512];
    }

    /// <summary>Names come from the registry (<see cref="OnServerName"/>, maybe from a later packet), not from packets; the flow's end clears what it reported for it.</summary>
    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload) => FlowInterest.End;

    public void OnFlowEnd(in FlowSummary flow) => _reported.Remove(flow.FlowId);
}
