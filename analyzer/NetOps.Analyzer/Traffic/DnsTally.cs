using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Protocols.Dns;

namespace NetOps.Analyzer.Traffic;

/// <summary>The DNS figures of <see cref="DnsTraffic"/>, counted in place: one message read into a tally, tallies added up.</summary>
internal struct DnsTally
{
    private const ushort DnsPort = 53;

    public long Queries;
    public long AQueries;
    public long AaaaQueries;
    public long Responses;
    public long AaaaResponses;
    public long AaaaAnswered;
    public long AAnswered;
    public long Unreadable;

    /// <summary>True for a TCP or UDP packet with payload to or from port 53.</summary>
    public static bool IsDns(in DecodedPacket packet) =>
        packet.Transport.HasPorts && packet.PayloadLength > 0
        && (packet.Transport.SourcePort == DnsPort || packet.Transport.DestinationPort == DnsPort);

    /// <summary>What one port-53 payload counts for (nothing is allocated).</summary>
    public static DnsTally Read(ReadOnlySpan<byte> payload, bool tcp)
    {
        var tally = new DnsTally();
        var readable = tcp
            ? DnsMessageReader.TryReadTcp(payload, out var reader, out _)
            : DnsMessageReader.TryRead(payload, out reader, out _);
        if (!readable)
        {
            tally.Unreadable = 1;
            return tally;
        }
        if (!reader.IsResponse)
        {
            tally.Queries = 1;
            while (reader.TryReadQuestion(out var question))
            {
                if (question.Type == DnsRecordType.A)
                    tally.AQueries++;
                else if (question.Type == DnsRecordType.Aaaa)
                    tally.AaaaQueries++;
            }
        }
        else
        {
            tally.Responses = 1;
            if (reader.TryReadQuestion(out var first))
            {
                var asked = first.Type;
                var answered = false;
                while (!answered && reader.TryReadRecord(out var record) && record.Section == DnsSection.Answer)
                    answered = record.Type == asked;
                tally.AaaaResponses = asked == DnsRecordType.Aaaa ? 1 : 0;
                tally.AaaaAnswered = answered && asked == DnsRecordType.Aaaa ? 1 : 0;
                tally.AAnswered = answered && asked == DnsRecordType.A ? 1 : 0;
            }
        }
        if (reader.Malformed != DnsMalformedReason.None)
            tally.Unreadable = 1;
        return tally;
    }

    public void Add(in DnsTally other)
    {
        Queries += other.Queries;
        AQueries += other.AQueries;
        AaaaQueries += other.AaaaQueries;
        Responses += other.Responses;
        AaaaResponses += other.AaaaResponses;
        AaaaAnswered += other.AaaaAnswered;
        AAnswered += other.AAnswered;
        Unreadable += other.Unreadable;
    }

    public readonly DnsTraffic Snapshot() => new()
    {
        Queries = Queries,
        AQueries = AQueries,
        AaaaQueries = AaaaQueries,
        Responses = Responses,
        AaaaResponses = AaaaResponses,
        AaaaAnswered = AaaaAnswered,
        AAnswered = AAnswered,
        Unreadable = Unreadable,
    };
}
