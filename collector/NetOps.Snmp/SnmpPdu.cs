using NetOps.Snmp.Ber;

namespace NetOps.Snmp;

public enum SnmpVersion { V1 = 0, V2c = 1, V3 = 3 }

/// <summary>error-status values of RFC 3416.</summary>
public enum SnmpError
{
    NoError = 0, TooBig = 1, NoSuchName = 2, BadValue = 3, ReadOnly = 4, GenErr = 5, NoAccess = 6, WrongType = 7,
    WrongLength = 8, WrongEncoding = 9, WrongValue = 10, NoCreation = 11, InconsistentValue = 12,
    ResourceUnavailable = 13, CommitFailed = 14, UndoFailed = 15, AuthorizationError = 16, NotWritable = 17, InconsistentName = 18,
}

/// <summary>
/// A PDU. For GetBulk, <see cref="ErrorStatus"/> and <see cref="ErrorIndex"/> carry non-repeaters
/// and max-repetitions, as they share the wire positions.
/// </summary>
public sealed record SnmpPdu(PduType Type, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<VarBind> VarBinds)
{
    public SnmpError Error => (SnmpError)ErrorStatus;

    public static SnmpPdu Request(PduType type, int requestId, IEnumerable<ObjectIdentifier> oids) =>
        new(type, requestId, 0, 0, oids.Select(o => new VarBind(o, SnmpValue.Of(SnmpType.Null))).ToList());

    public static SnmpPdu GetBulk(int requestId, int nonRepeaters, int maxRepetitions, IEnumerable<ObjectIdentifier> oids) =>
        new(PduType.GetBulkRequest, requestId, nonRepeaters, maxRepetitions, oids.Select(o => new VarBind(o, SnmpValue.Of(SnmpType.Null))).ToList());
}

/// <summary>A community-based (v1/v2c) message.</summary>
public sealed record SnmpMessage(SnmpVersion Version, byte[] Community, SnmpPdu Pdu);
