using System.Text;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Rules.DomainLists;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// Weighs what the inspector learned of one ended flow into at most one detection:
/// the protocol conversation (confirmed or probable on its own); the server name against the mining
/// lists (probable off web ports or on a mining-like flow, else suspicious: a pool's website shares
/// its name); the Stratum V2 handshake sizes and the behaviour score (suspicious, probable only
/// with a pool name or mining-like behaviour). The strongest wins; the others add to the evidence.
/// </summary>
internal sealed class MiningVerdict(string detector, DomainListSet lists, IServerNames? serverNames, IIdentityLookup? identity, MiningBehaviourPolicy policy)
{
    public const int MaxEvidence = 512;
    public const string StratumV2 = "stratum2";

    public Inspection.Detection? Judge(in FlowSummary summary, MiningFlow flow)
    {
        var conversation = flow.Conversation;
        string? serverName = null;
        var named = serverNames is not null && serverNames.TryGetServerName(summary.FlowId, out serverName);
        DomainListHit hit = default;
        var listed = named && lists.TryMatch(serverName, out hit);
        var opaque = !flow.Plaintext && !(flow.Tls && named);
        var score = MiningBehaviourScore.Of(flow.Behaviour, summary.DurationSeconds, opaque, summary.ServerPort, policy);
        var stratumV2 = !flow.Plaintext && !flow.Tls
                        && flow.Behaviour.ClientFirstFlight == policy.StratumV2ClientHello && flow.Behaviour.ServerFirstFlight == policy.StratumV2ServerHello;

        DetectionConfidence? confidence = conversation?.Confidence;
        var protocol = conversation?.Protocol;
        var evidence = new StringBuilder();
        if (confidence is not null)
            evidence.Append($"{protocol} {Describe(confidence.Value)}: miner {conversation!.MinerExcerpt ?? "-"} | pool {conversation.PoolExcerpt ?? "-"}");

        string? rule = null;
        if (listed)
        {
            var webVisit = flow.WebRequest || (policy.WebPorts.Contains(summary.ServerPort) && !score.LooksLikeMining);
            Raise(ref confidence, webVisit ? DetectionConfidence.Suspicious : DetectionConfidence.Probable);
            protocol ??= stratumV2 ? StratumV2 : flow.Tls ? "tls" : flow.WebRequest ? "http" : "tcp";
            rule = $"{hit.List.Version} ({hit.List.Category} {hit.Entry})";
            Append(evidence, $"server name {serverName} on {hit.List.Category} list {hit.List.Name}{(webVisit ? " (web visit)" : "")}");
        }
        if (stratumV2)
        {
            Raise(ref confidence, listed || score.LooksLikeMining ? DetectionConfidence.Probable : DetectionConfidence.Suspicious);
            protocol ??= StratumV2;
            rule ??= policy.Version;
            Append(evidence, $"Stratum V2 Noise handshake sizes {flow.Behaviour.ClientFirstFlight}/{flow.Behaviour.ServerFirstFlight} B");
        }
        if (score.Points >= policy.SuspiciousScore || (evidence.Length > 0 && score.Points > 0 && confidence != DetectionConfidence.Confirmed))
        {
            if (score.Points >= policy.SuspiciousScore)
            {
                Raise(ref confidence, DetectionConfidence.Suspicious);
                protocol ??= flow.Tls ? "tls" : "tcp";
                rule ??= policy.Version;
            }
            Append(evidence, score.Describe(flow.Behaviour, summary.DurationSeconds));
        }
        if (confidence is null)
            return null;

        var firstSeen = conversation?.FirstSeenNanos is > 0 and var first ? first : flow.FirstPayloadNanos;
        // The miner is the client of a detection, whoever spoke first.
        var swapped = conversation?.Swapped ?? false;
        var (client, clientPort, server, serverPort) = swapped
            ? (summary.Server, summary.ServerPort, summary.Client, summary.ClientPort)
            : (summary.Client, summary.ClientPort, summary.Server, summary.ServerPort);
        var who = identity?.Lookup(client, firstSeen);
        return new Inspection.Detection
        {
            Kind = MiningInspector.Kind,
            Confidence = confidence.Value,
            Protocol = protocol!,
            Detector = detector,
            Rule = rule,
            FlowId = summary.FlowId,
            TransportProtocol = summary.Protocol,
            Client = client,
            ClientPort = clientPort,
            Server = server,
            ServerPort = serverPort,
            ClientMac = (swapped ? flow.ServerMac : flow.ClientMac) ?? who?.Mac,
            User = who?.User,
            ServerName = named ? serverName : null,
            FirstSeenNanos = firstSeen,
            LastSeenNanos = Math.Max(summary.LastSeenNanos, firstSeen),
            Evidence = evidence.Length <= MaxEvidence ? evidence.ToString() : string.Concat(evidence.ToString(0, MaxEvidence - 1), "…"),
        };
    }

    private static void Raise(ref DetectionConfidence? confidence, DetectionConfidence to)
    {
        if (confidence is null || confidence < to)
            confidence = to;
    }

    private static void Append(StringBuilder evidence, string text)
    {
        if (evidence.Length > 0)
            evidence.Append("; ");
        evidence.Append(text);
    }

    private static string Describe(DetectionConfidence confidence) => confidence switch
    {
        DetectionConfidence.Confirmed => "miner's request answered by the pool",
        _ => "one side only",
    };
}
