using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Protocols.Dns;

namespace NetOps.Analyzer.Detectors.Dns;

/// <summary>
/// DNS over UDP and TCP port 53: counts queries by type and answered A/AAAA, reports every query
/// name to the <see cref="ServerNameRegistry"/> (for the auditors), and puts each answer's A and AAAA
/// addresses in its DNS answer cache under the name the client asked for, so the client's next flow
/// to that address is named. A TCP message must start and end in its segment (no reassembly).
/// </summary>
public sealed class DnsInspector(ServerNameRegistry names) : IPayloadInspector
{
    public const ushort Port = 53;

    public string Name => "dns";

    public DnsCounters Counters { get; } = new();

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        // By the packet's ports, not the flow's sides: a capture may begin with a response.
        if (context.DestinationPort != Port && context.SourcePort != Port)
            return FlowInterest.None;
        var ok = context.Protocol == 17
            ? DnsMessageReader.TryRead(payload, out var reader, out var reason)
            : DnsMessageReader.TryReadTcp(payload, out reader, out reason);
        if (!ok)
        {
            Counters.CountMalformed(reason);
            return FlowInterest.Packets;
        }
        if (!reader.TryReadQuestion(out var question))
        {
            if (reader.Malformed != DnsMalformedReason.None)
                Counters.CountMalformed(reader.Malformed);
            return FlowInterest.Packets;
        }
        var questionType = question.Type;
        if (!reader.IsResponse)
        {
            if (context.DestinationPort != Port)
                return FlowInterest.Packets;
            Counters.CountQuery(questionType);
            names.Seen(context, question.Name.ToString(), ServerNameSource.DnsQuery);
            return FlowInterest.Packets;
        }
        if (context.SourcePort != Port)
            return FlowInterest.Packets;
        string? asked = null;
        bool hadA = false, hadAaaa = false;
        while (reader.TryReadRecord(out var record))
        {
            if (record.Section != DnsSection.Answer || !record.TryGetAddress(out var address))
                continue;
            hadA |= record.Type == DnsRecordType.A;
            hadAaaa |= record.Type == DnsRecordType.Aaaa;
            asked ??= question.Name.ToString();
            names.Answers.Add(context.Destination, address, asked, record.Ttl, context.TimestampNanos);
        }
        if (reader.Malformed != DnsMalformedReason.None)
            Counters.CountMalformed(reader.Malformed);
        Counters.CountResponse(questionType, hadA, hadAaaa);
        return FlowInterest.Packets;
    }
}
