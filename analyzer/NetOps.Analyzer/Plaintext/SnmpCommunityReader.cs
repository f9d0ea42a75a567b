using System.Formats.Asn1;
using NetOps.Snmp.Ber;

namespace NetOps.Analyzer.Plaintext;

/// <summary>
/// The header of an SNMPv1/v2c message (RFC 1157, RFC 1901): SEQUENCE { version, community, PDU }.
/// Only as far as the PDU's tag: the variables are not read. False for SNMPv3 and anything else.
/// </summary>
public readonly ref struct SnmpCommunityReader
{
    public const int GetRequest = 0, GetNextRequest = 1, Response = 2, SetRequest = 3, TrapV1 = 4, GetBulkRequest = 5, InformRequest = 6, TrapV2 = 7, Report = 8;

    /// <summary>0 for SNMPv1, 1 for SNMPv2c.</summary>
    public long Version { get; private init; }

    public ReadOnlySpan<byte> Community { get; private init; }

    /// <summary>The PDU's context tag number: <see cref="GetRequest"/> … <see cref="Report"/>.</summary>
    public int PduType { get; private init; }

    public string VersionName => Version == 0 ? "v1" : "v2c";

    public bool IsFromAgent => PduType is Response or TrapV1 or TrapV2 or Report;

    public static bool TryRead(ReadOnlySpan<byte> datagram, out SnmpCommunityReader message)
    {
        message = default;
        var outer = new BerReader(datagram);
        if (!outer.TryRead(out var tag, out var body, out _) || tag != Asn1Tag.Sequence)
            return false;
        var fields = new BerReader(body);
        if (!fields.TryRead(out tag, out var version, out _) || tag != Asn1Tag.Integer || version.Length != 1 || version[0] > 1)
            return false;
        if (!fields.TryRead(out tag, out var community, out _) || tag != Asn1Tag.PrimitiveOctetString)
            return false;
        if (!fields.TryRead(out tag, out _, out _) || tag.TagClass != TagClass.ContextSpecific || !tag.IsConstructed || tag.TagValue > Report)
            return false;
        message = new SnmpCommunityReader { Version = version[0], Community = community, PduType = tag.TagValue };
        return true;
    }

    public string PduName => PduType switch
    {
        GetRequest => "get-request",
        GetNextRequest => "get-next-request",
        Response => "response",
        SetRequest => "set-request",
        TrapV1 => "trap",
        GetBulkRequest => "get-bulk-request",
        InformRequest => "inform-request",
        TrapV2 => "snmpV2-trap",
        _ => "report",
    };
}
