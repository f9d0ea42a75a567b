using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>One resource record of the answer, authority or additional section.</summary>
public readonly ref struct DnsRecord
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly int _dataOffset;

    internal DnsRecord(ReadOnlySpan<byte> message, DnsSection section, DnsName name, ushort type, ushort @class, uint ttl, int dataOffset, int dataLength)
    {
        _message = message;
        Section = section;
        Name = name;
        Type = type;
        Class = @class;
        Ttl = ttl;
        _dataOffset = dataOffset;
        DataLength = dataLength;
    }

    public DnsSection Section { get; }

    public DnsName Name { get; }

    /// <summary>See <see cref="DnsRecordType"/>.</summary>
    public ushort Type { get; }

    /// <summary>1 IN (mDNS: top bit = cache flush); for OPT the requester's UDP payload size.</summary>
    public ushort Class { get; }

    /// <summary>Seconds the answer may be cached.</summary>
    public uint Ttl { get; }

    public int DataLength { get; }

    public ReadOnlySpan<byte> Data => _message.Slice(_dataOffset, DataLength);

    /// <summary>The address of an A or AAAA record (checked 4 / 16 bytes by the reader).</summary>
    public bool TryGetAddress(out IpAddress address)
    {
        if (Type == DnsRecordType.A && DataLength == 4)
        {
            address = IpAddress.ReadIPv4(Data);
            return true;
        }
        if (Type == DnsRecordType.Aaaa && DataLength == 16)
        {
            address = IpAddress.ReadIPv6(Data);
            return true;
        }
        address = default;
        return false;
    }

    /// <summary>The target of a CNAME (or NS, PTR) record; false when its name is malformed.</summary>
    public bool TryGetTargetName(out DnsName target)
    {
        target = default;
        if (Type is not (DnsRecordType.Cname or DnsRecordType.Ns or DnsRecordType.Ptr))
            return false;
        return DnsName.TryRead(_message[..(_dataOffset + DataLength)], _dataOffset, out target, out _, out _);
    }
}
