namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>The record types NetOps reads (others are skipped, their type number kept).</summary>
public static class DnsRecordType
{
    public const ushort A = 1;
    public const ushort Ns = 2;
    public const ushort Cname = 5;
    public const ushort Soa = 6;
    public const ushort Ptr = 12;
    public const ushort Mx = 15;
    public const ushort Txt = 16;
    public const ushort Aaaa = 28;
    public const ushort Srv = 33;
    public const ushort Opt = 41;
    public const ushort Svcb = 64;
    public const ushort Https = 65;
    public const ushort Any = 255;
}
