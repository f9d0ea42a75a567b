using System.Formats.Asn1;

namespace NetOps.Snmp.Ber;

/// <summary>The BER tags of SNMP (RFC 1157, RFC 3416 and the SMIv2 application types of RFC 2578).</summary>
public static class SnmpTags
{
    public static readonly Asn1Tag IpAddress = new(TagClass.Application, 0);
    public static readonly Asn1Tag Counter32 = new(TagClass.Application, 1);
    public static readonly Asn1Tag Gauge32 = new(TagClass.Application, 2);
    public static readonly Asn1Tag TimeTicks = new(TagClass.Application, 3);
    public static readonly Asn1Tag Opaque = new(TagClass.Application, 4);
    public static readonly Asn1Tag Counter64 = new(TagClass.Application, 6);
    public static readonly Asn1Tag NoSuchObject = new(TagClass.ContextSpecific, 0);
    public static readonly Asn1Tag NoSuchInstance = new(TagClass.ContextSpecific, 1);
    public static readonly Asn1Tag EndOfMibView = new(TagClass.ContextSpecific, 2);

    public static Asn1Tag Pdu(PduType type) => new(TagClass.ContextSpecific, (int)type, isConstructed: true);
}

/// <summary>PDU types: the context-specific tag number of each PDU.</summary>
public enum PduType
{
    GetRequest = 0,
    GetNextRequest = 1,
    Response = 2,
    SetRequest = 3,
    TrapV1 = 4,
    GetBulkRequest = 5,
    InformRequest = 6,
    TrapV2 = 7,
    Report = 8,
}
