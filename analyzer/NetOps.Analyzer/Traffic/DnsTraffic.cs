namespace NetOps.Analyzer.Traffic;

/// <summary>
/// Unicast DNS (TCP or UDP port 53; mDNS and LLMNR are not counted) seen in an interval: how clients ask
/// for IPv4 (A) and IPv6 (AAAA) addresses and how often an AAAA question got an AAAA answer — what shows
/// whether the resolvers and the names clients use are IPv6-ready. Questions are counted per question
/// of a query message; answers per response message by its first question's type. Over TCP only a
/// segment that starts with a whole message is read (no stream reassembly).
/// </summary>
public sealed record DnsTraffic
{
    /// <summary>Query messages (QR = 0).</summary>
    public long Queries { get; init; }

    /// <summary>Questions of type A in queries.</summary>
    public long AQueries { get; init; }

    /// <summary>Questions of type AAAA in queries.</summary>
    public long AaaaQueries { get; init; }

    /// <summary>Response messages (QR = 1).</summary>
    public long Responses { get; init; }

    /// <summary>Responses to an AAAA question.</summary>
    public long AaaaResponses { get; init; }

    /// <summary>Responses to an AAAA question with at least one AAAA record in the answer section.</summary>
    public long AaaaAnswered { get; init; }

    /// <summary>Responses to an A question with at least one A record in the answer section.</summary>
    public long AAnswered { get; init; }

    /// <summary>Port-53 payloads that are not a readable DNS message (malformed, or a TCP segment that does not start one).</summary>
    public long Unreadable { get; init; }
}
