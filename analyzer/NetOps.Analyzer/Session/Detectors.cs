using NetOps.Analyzer.Detectors;
using NetOps.Analyzer.Detectors.Audit;
using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Mining;
using NetOps.Analyzer.Plaintext;
using NetOps.Analyzer.Rules.DomainLists;

namespace NetOps.Analyzer.Session;

/// <summary>
/// The detectors every analysis runs, with their policy from rules/, in the order the pipeline must
/// call them: the feeds first (identity from DHCP, DHCPv6 and RADIUS; server names from DNS, TLS,
/// HTTP and QUIC, which name a flow by what it sent itself, then by the DNS answer that resolved its
/// server), then the detectors that read them (mining, plaintext management, behaviour
/// auditing), and last the end of each flow's name — so a detector deciding at a flow's end still
/// knows the flow's server name.
/// </summary>
public static class Detectors
{
    public static IReadOnlyList<IPayloadInspector> Create(string rules, IDetectionSink sink, IdentityTimeline identity, ApplicationDetectors applications)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var names = applications.Names;
        var auditor = new BehaviourAuditor(BehaviourAuditor.LoadLists(rules), sink);
        names.AddObserver(auditor);
        var mining = new MiningInspector(sink, DomainListSet.Load(Path.Combine(rules, "mining"), MiningInspector.Kind), names, identity,
            MiningBehaviourPolicy.Load(Path.Combine(rules, "mining", "behaviour.yaml")));
        var communities = DefaultCommunities.Load(Path.Combine(rules, "plaintext", "snmp-default-communities.yaml"));
        return
        [
            new DhcpInspector(identity),
            new Dhcpv6Inspector(identity),
            new RadiusInspector(identity),
            applications.Dns,
            applications.Tls,
            applications.Http,
            applications.Quic,
            new NamesOfNewFlows(names),
            mining,
            new TelnetLoginInspector(sink, identity),
            new FtpLoginInspector(sink, identity),
            new HttpBasicAuthInspector(sink, identity),
            new SnmpCommunityInspector(communities, sink, identity),
            auditor,
            new NamesOfEndedFlows(names),
        ];
    }

    /// <summary>The registry's packet half: names a new flow from the DNS answers before any detector sees its first packet.</summary>
    private sealed class NamesOfNewFlows(ServerNameRegistry names) : IPayloadInspector
    {
        public string Name => names.Name;

        public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload) => names.Inspect(context, payload);
    }

    /// <summary>The registry's flow-end half: forgets a flow's name (and counts DNS visibility) after every detector has had the flow's end.</summary>
    private sealed class NamesOfEndedFlows(ServerNameRegistry names) : IPayloadInspector
    {
        public string Name => names.Name;

        public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload) => FlowInterest.None;

        public bool EndOfEveryFlow => true;

        public void OnFlowEnd(in FlowSummary flow) => names.OnFlowEnd(flow);
    }
}
