namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>One entry of a message's question section.</summary>
public readonly ref struct DnsQuestion
{
    public DnsQuestion(DnsName name, ushort type, ushort @class)
    {
        Name = name;
        Type = type;
        Class = @class;
    }

    public DnsName Name { get; }

    /// <summary>See <see cref="DnsRecordType"/>.</summary>
    public ushort Type { get; }

    /// <summary>1 IN; mDNS sets the top bit for "unicast response wanted".</summary>
    public ushort Class { get; }
}
