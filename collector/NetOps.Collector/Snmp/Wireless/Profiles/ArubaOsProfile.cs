using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// Aruba mobility controllers (ArubaOS): WLSX-WLAN-MIB wlsxWlanAPTable (wlanAPName, wlanAPStatus;
/// index AP MAC), wlsxWlanRadioTable (wlanAPRadioNumAssociatedClients, wlanAPRadioAPName; index AP
/// MAC + radio), wlsxWlanESSIDTable (wlanESSIDNumStations; index the ESSID string) and the
/// WLSX-SWITCH-MIB totals wlsxSwitchTotalNumAccessPoints and wlsxSwitchTotalNumStationsAssociated.
/// Without the AP table the APs come from the radio table, their status not reported.
/// </summary>
public sealed class ArubaOsProfile : WirelessProfile
{
    private static readonly ObjectIdentifier ApEntry = Oid("1.3.6.1.4.1.14823.2.2.1.5.2.1.4.1");
    private static readonly ObjectIdentifier RadioEntry = Oid("1.3.6.1.4.1.14823.2.2.1.5.2.1.5.1");
    private static readonly ObjectIdentifier EssidEntry = Oid("1.3.6.1.4.1.14823.2.2.1.5.2.1.8.1");
    private static readonly ObjectIdentifier TotalAccessPoints = Oid("1.3.6.1.4.1.14823.2.2.1.1.3.1.0");
    private static readonly ObjectIdentifier TotalStations = Oid("1.3.6.1.4.1.14823.2.2.1.1.3.2.0");

    private const uint ApName = 3, ApStatusColumn = 19;
    private const uint RadioNumAssociatedClients = 7, RadioApName = 16;
    private const uint EssidNumStations = 2;

    public override string Vendor => "arubaos";
    public override uint Enterprise => 14823;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } =
        [Oid("1.3.6.1.4.1.14823.2.2.1.5.2.1.4"), Oid("1.3.6.1.4.1.14823.2.2.1.5.2.1.5"), Oid("1.3.6.1.4.1.14823.2.2.1.1.3.1")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var aps = await reader.TableAsync(ApEntry, [ApName, ApStatusColumn], cancellationToken).ConfigureAwait(false);
        var radios = await reader.TableAsync(RadioEntry, [RadioNumAssociatedClients, RadioApName], cancellationToken).ConfigureAwait(false);
        var essids = await reader.TableAsync(EssidEntry, [EssidNumStations], cancellationToken).ConfigureAwait(false);
        var totals = await reader.ScalarsAsync([TotalAccessPoints, TotalStations], cancellationToken).ConfigureAwait(false);

        List<AccessPointState> list;
        if (aps.Count > 0)
        {
            list = aps.Rows.Select(row =>
            {
                // ARUBA-TC ArubaAPStatus: up(1), down(2).
                var (status, word) = UpDown(row.Number(ApStatusColumn));
                return Ap(row.Text(ApName), SnmpIndex.Mac(row.Index), status, radios.SumWhere(row.Index, RadioNumAssociatedClients) ?? 0, word);
            }).ToList();
        }
        else
        {
            list = radios.Rows
                .Where(r => r.Index.Length >= 6)
                .GroupBy(r => SnmpIndex.Mac(r.Index) ?? "")
                .Select(g => Ap(g.Select(r => r.Text(RadioApName)).FirstOrDefault(n => !string.IsNullOrEmpty(n)), g.Key, ApStatus.Other,
                    g.Sum(r => r.Number(RadioNumAssociatedClients) ?? 0), "not reported"))
                .ToList();
        }
        var ssids = essids.Rows
            .Select(r => (Name: SnmpIndex.LengthPrefixedString(r.Index), Clients: r.Number(EssidNumStations)))
            .Where(s => s.Name is not null && s.Clients is not null)
            .Select(s => new SsidState(s.Name!, s.Clients!.Value));
        return Result(list, ssids, totals[0], totals[1]);
    }
}
