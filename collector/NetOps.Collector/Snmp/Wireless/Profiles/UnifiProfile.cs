using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// Ubiquiti UniFi APs answer for themselves (their sysObjectID is net-snmp's, so only the table
/// tells): UBNT-UniFi-MIB unifiVapTable, one row per VAP (SSID on a radio) with unifiVapEssId (.6)
/// and unifiVapNumStations (.8). The AP is the device itself, online since it answered.
/// </summary>
public sealed class UnifiProfile : WirelessProfile
{
    private static readonly ObjectIdentifier VapEntry = Oid("1.3.6.1.4.1.41112.1.6.1.2.1");

    private const uint VapEssId = 6, VapNumStations = 8;

    public override string Vendor => "unifi";
    public override uint Enterprise => 41112;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } = [Oid("1.3.6.1.4.1.41112.1.6.1.2")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var vaps = await reader.TableAsync(VapEntry, [VapEssId, VapNumStations], cancellationToken).ConfigureAwait(false);
        var self = Ap(reader.SysName, "", ApStatus.Online, vaps.Rows.Sum(v => v.Number(VapNumStations) ?? 0), "answering");
        return Result([self], SsidsByName(vaps, VapEssId, VapNumStations));
    }
}
