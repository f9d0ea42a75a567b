using NetOps.Analyzer.Protocols.Dns;

namespace NetOps.Analyzer.Detectors.Dns;

/// <summary>What the DNS inspector counted: queries by type, answers, answered AAAA (IPv6 readiness), malformed messages by reason.</summary>
public sealed class DnsCounters
{
    private readonly Dictionary<ushort, long> _queriesByType = new();
    private readonly long[] _malformed = new long[Enum.GetValues<DnsMalformedReason>().Length];

    public IReadOnlyDictionary<ushort, long> QueriesByType => _queriesByType;

    public long Queries { get; private set; }

    public long Responses { get; private set; }

    /// <summary>Responses to an AAAA question that carried at least one AAAA record.</summary>
    public long AnsweredAaaa { get; private set; }

    /// <summary>Responses to an AAAA question (answered or not).</summary>
    public long AaaaResponses { get; private set; }

    public long AnsweredA { get; private set; }

    public long Malformed(DnsMalformedReason reason) => _malformed[(int)reason];

    public long MalformedTotal => _malformed.Sum();

    internal void CountQuery(ushort type)
    {
        Queries++;
        _queriesByType[type] = _queriesByType.GetValueOrDefault(type) + 1;
    }

    internal void CountResponse(ushort questionType, bool hadA, bool hadAaaa)
    {
        Responses++;
        if (questionType == DnsRecordType.Aaaa)
        {
            AaaaResponses++;
            AnsweredAaaa += hadAaaa ? 1 : 0;
        }
        AnsweredA += questionType == DnsRecordType.A && hadA ? 1 : 0;
    }

    internal void CountMalformed(DnsMalformedReason reason) => _malformed[(int)reason]++;
}
