using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetOps.Snmp;
using NetOps.Snmp.Traps;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Collector.Traps;

/// <summary>
/// Turns every SNMP notification the listener accepts into an <c>snmp_trap</c> event in the store
/// (retention policy <c>events</c>): who sent it, what it was, and its variables as evidence.
/// </summary>
public sealed class TrapSource(TrapListener listener, StoreWriter writer, StoreSchema schema, ILogger<TrapSource> logger) : BackgroundService
{
    private const int MaxVariablesText = 2000;
    private static readonly ObjectIdentifier IfIndex = ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1.1");
    private static readonly ObjectIdentifier IfAdminStatus = ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1.7");
    private static readonly ObjectIdentifier IfOperStatus = ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1.8");
    private static readonly ObjectIdentifier AgentAddress = ObjectIdentifier.Parse("1.3.6.1.6.3.18.1.3.0");
    private long _lastTimestamp;

    public long Written { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Receiving SNMP traps and informs on udp {EndPoint}", listener.EndPoint);
        try
        {
            await foreach (var notification in listener.Notifications.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(ToPoint(notification), stoppingToken).ConfigureAwait(false);
                Written++;
                logger.LogInformation("SNMP {Trap} from {Device} ({Version})", notification.WellKnownName ?? notification.TrapOid.ToString(),
                    Device(notification), notification.Version);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public Point ToPoint(SnmpNotification n)
    {
        var point = schema.NewPoint("snmp_trap")
            .Tag("device", Device(n))
            .Tag("trap", n.WellKnownName ?? "enterprise")
            .Tag("version", n.Version switch { SnmpVersion.V1 => "v1", SnmpVersion.V2c => "v2c", _ => "v3" })
            .Field("trap_oid", n.TrapOid.ToString())
            .Field("kind", n.Type == NetOps.Snmp.Ber.PduType.InformRequest ? "inform" : "trap")
            .Field("uptime_seconds", n.UptimeTicks / 100.0)
            .Field("user", n.User ?? "")
            .Field("variables", Variables(n));
        foreach (var vb in n.VarBinds)
        {
            if (vb.Oid.IsBelow(IfIndex) && vb.Value.Type == SnmpType.Integer32)
                point.Field("if_index", vb.Value.Number);
            else if (vb.Oid.IsBelow(IfAdminStatus) && vb.Value.Type == SnmpType.Integer32)
                point.Field("if_admin_status", vb.Value.Number);
            else if (vb.Oid.IsBelow(IfOperStatus) && vb.Value.Type == SnmpType.Integer32)
                point.Field("if_oper_status", vb.Value.Number);
        }
        // Distinct timestamps: two notifications in the same nanosecond must not overwrite each other.
        var ts = Point.UnixNanoseconds(n.ReceivedAt);
        ts = _lastTimestamp = Math.Max(ts, _lastTimestamp + 1);
        return point.TimestampNs(ts);
    }

    private static string Device(SnmpNotification n) =>
        n.VarBinds.FirstOrDefault(v => v.Oid.Equals(AgentAddress))?.Value.ToString() ?? n.Source.Address.MapToIPv4().ToString();

    private static string Variables(SnmpNotification n)
    {
        var text = new StringBuilder();
        foreach (var vb in n.VarBinds)
        {
            text.Append(vb.Oid).Append('=').Append(vb.Value).Append("; ");
            if (text.Length > MaxVariablesText)
                return text.ToString(0, MaxVariablesText) + "…";
        }
        return text.ToString().TrimEnd(' ', ';');
    }
}
