using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>
/// Counts DNS on port 53 (UDP, and TCP segments that start a length-prefixed message): queries,
/// A and AAAA queries by their first question, and AAAA responses that carry at least one AAAA
/// answer — what the IPv6 readiness figures need (are clients asking for AAAA, and getting it).
/// Messages too short for a header, or whose question is malformed, are counted apart.
/// </summary>
public sealed class DnsQueryCounter : IPayloadInspector
{
    private const ushort Port = 53;

    public string Name => "dns-counter";

    public DnsCounts Counts => new(Queries, AQueries, AaaaQueries, Responses, AaaaAnswered, Malformed);

    public long Queries { get; private set; }

    public long AQueries { get; private set; }

    public long AaaaQueries { get; private set; }

    public long Responses { get; private set; }

    public long AaaaAnswered { get; private set; }

    public long Malformed { get; private set; }

    public void Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.ServerPort != Port && context.ClientPort != Port)
            return;
        DnsMessageReader reader;
        DnsMalformedReason reason;
        var read = context.Protocol == IpProtocols.Tcp
            ? DnsMessageReader.TryReadTcp(payload, out reader, out reason)
            : DnsMessageReader.TryRead(payload, out reader, out reason);
        if (!read)
        {
            // A TCP segment that continues a message (or carries only its length) is not a message start.
            if (context.Protocol != IpProtocols.Tcp)
                Malformed++;
            return;
        }
        if (reader.Opcode != 0 || !reader.TryReadQuestion(out var question))
        {
            if (reader.Malformed != DnsMalformedReason.None)
                Malformed++;
            return;
        }
        if (!reader.IsResponse)
        {
            Queries++;
            if (question.Type == DnsRecordType.A)
                AQueries++;
            else if (question.Type == DnsRecordType.Aaaa)
                AaaaQueries++;
            return;
        }
        Responses++;
        if (question.Type != DnsRecordType.Aaaa)
            return;
        while (reader.TryReadRecord(out var record))
        {
            if (record.Section == DnsSection.Answer && record.Type == DnsRecordType.Aaaa)
            {
                AaaaAnswered++;
                return;
            }
        }
    }
}

/// <summary>What a <see cref="DnsQueryCounter"/> counted.</summary>
public readonly record struct DnsCounts(long Queries, long AQueries, long AaaaQueries, long Responses, long AaaaAnswered, long Malformed);
