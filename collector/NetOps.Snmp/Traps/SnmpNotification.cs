using System.Net;
using NetOps.Snmp.Ber;

namespace NetOps.Snmp.Traps;

/// <summary>
/// A trap or inform as received. The community is never kept (it is a secret); for v3 the user name
/// is, since it names who sent it.
/// </summary>
public sealed record SnmpNotification(
    IPEndPoint Source,
    SnmpVersion Version,
    PduType Type,
    string? User,
    ObjectIdentifier TrapOid,
    uint UptimeTicks,
    IReadOnlyList<VarBind> VarBinds,
    DateTimeOffset ReceivedAt)
{
    public static readonly ObjectIdentifier SysUpTime = ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly ObjectIdentifier SnmpTrapOid = ObjectIdentifier.Parse("1.3.6.1.6.3.1.1.4.1.0");

    /// <summary>The standard name of well-known traps (RFC 3418, IF-MIB), else null.</summary>
    public string? WellKnownName => TrapOid.ToString() switch
    {
        "1.3.6.1.6.3.1.1.5.1" => "coldStart",
        "1.3.6.1.6.3.1.1.5.2" => "warmStart",
        "1.3.6.1.6.3.1.1.5.3" => "linkDown",
        "1.3.6.1.6.3.1.1.5.4" => "linkUp",
        "1.3.6.1.6.3.1.1.5.5" => "authenticationFailure",
        "1.3.6.1.6.3.1.1.5.6" => "egpNeighborLoss",
        _ => null,
    };

    /// <summary>Turns a v2 trap/inform PDU's variables into a notification: sysUpTime.0 and snmpTrapOID.0 first (RFC 3416 4.2.6).</summary>
    internal static SnmpNotification? FromVarBinds(IPEndPoint source, SnmpVersion version, PduType type, string? user, IReadOnlyList<VarBind> varBinds)
    {
        var uptime = varBinds.FirstOrDefault(v => v.Oid.Equals(SysUpTime))?.Value;
        var trapOid = varBinds.FirstOrDefault(v => v.Oid.Equals(SnmpTrapOid))?.Value.Oid;
        if (trapOid is null)
            return null;
        var rest = varBinds.Where(v => !v.Oid.Equals(SysUpTime) && !v.Oid.Equals(SnmpTrapOid)).ToList();
        return new SnmpNotification(source, version, type, user, trapOid, (uint)(uptime?.Unsigned ?? 0), rest, DateTimeOffset.UtcNow);
    }
}
