using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// Huawei AC (VRP WLAN): HUAWEI-WLAN-AP-MIB hwWlanApTable (hwWlanApName, hwWlanApRunState,
/// hwWlanApOnlineUserNum), HUAWEI-WLAN-AP-RADIO-MIB hwWlanRadioInfoTable (hwWlanRadioRunState,
/// hwWlanRadioOnlineStaCnt), HUAWEI-WLAN-VAP-MIB hwWlanVapInfoTable (hwWlanVapSSID,
/// hwWlanVapStaOnlineCnt, hwWlanVapStatus) and hwWlanSsidStatisticTable (hwWlanSsid2g/5g/6gStaCnt),
/// HUAWEI-WLAN-GLOBAL-MIB hwWlanCurJointApNum. All AP tables are indexed by the AP's MAC.
/// </summary>
public sealed class HuaweiProfile : WirelessProfile
{
    private static readonly ObjectIdentifier ApEntry = Oid("1.3.6.1.4.1.2011.6.139.13.3.3.1");
    private static readonly ObjectIdentifier RadioEntry = Oid("1.3.6.1.4.1.2011.6.139.16.1.2.1");
    private static readonly ObjectIdentifier VapEntry = Oid("1.3.6.1.4.1.2011.6.139.17.1.1.1");
    private static readonly ObjectIdentifier SsidEntry = Oid("1.3.6.1.4.1.2011.6.139.17.1.2.1");
    private static readonly ObjectIdentifier CurJointApNum = Oid("1.3.6.1.4.1.2011.6.139.12.1.2.1.0");

    private const uint ApName = 4, ApRunState = 6, ApOnlineUserNum = 44;
    private const uint RadioRunState = 6, RadioOnlineStaCnt = 40;
    private const uint VapSsid = 6, VapStaOnlineCnt = 9, VapStatus = 10;
    private const uint Ssid2gStaCnt = 2, Ssid5gStaCnt = 3, Ssid6gStaCnt = 17;

    public override string Vendor => "huawei";
    public override uint Enterprise => 2011;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } =
        [Oid("1.3.6.1.4.1.2011.6.139.13.3.3"), Oid("1.3.6.1.4.1.2011.6.139.17.1.2"), Oid("1.3.6.1.4.1.2011.6.139.12.1.2.1")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var aps = await reader.TableAsync(ApEntry, [ApName, ApRunState, ApOnlineUserNum], cancellationToken).ConfigureAwait(false);
        var ssidStats = await reader.TableAsync(SsidEntry, [Ssid2gStaCnt, Ssid5gStaCnt, Ssid6gStaCnt], cancellationToken).ConfigureAwait(false);
        var needRadios = aps.Rows.Any(r => !r.Has(ApOnlineUserNum) || !r.Has(ApRunState));
        var radios = needRadios
            ? await reader.TableAsync(RadioEntry, [RadioRunState, RadioOnlineStaCnt], cancellationToken).ConfigureAwait(false)
            : new SnmpTable();
        var needVaps = needRadios || ssidStats.Count == 0;
        var vaps = needVaps
            ? await reader.TableAsync(VapEntry, [VapSsid, VapStaOnlineCnt, VapStatus], cancellationToken).ConfigureAwait(false)
            : new SnmpTable();
        var joined = (await reader.ScalarsAsync([CurJointApNum], cancellationToken).ConfigureAwait(false))[0];

        var list = new List<AccessPointState>();
        foreach (var row in aps.Rows)
        {
            var mac = SnmpIndex.Mac(row.Index);
            var clients = row.Number(ApOnlineUserNum)
                ?? radios.SumWhere(row.Index, RadioOnlineStaCnt)
                ?? vaps.SumWhere(row.Index, VapStaOnlineCnt)
                ?? 0;
            var (status, word) = Status(row, radios, vaps);
            list.Add(Ap(row.Text(ApName), mac, status, clients, word));
        }
        return Result(list, Ssids(ssidStats, vaps), joined);
    }

    private static (string, string) Status(SnmpRow ap, SnmpTable radios, SnmpTable vaps)
    {
        if (ap.Number(ApRunState) is { } state)
        {
            return state switch
            {
                8 => (ApStatus.Online, "normal"),
                4 => (ApStatus.Offline, "fault"),
                1 => (ApStatus.Offline, "idle"),
                _ => (ApStatus.Other, RunStateName(state)),
            };
        }
        // No run state from this device: an AP whose VAPs or radios are up is serving clients.
        if (vaps.RowsUnder(ap.Index).Any(v => v.Number(VapStatus) == 1))
            return (ApStatus.Online, "vap up");
        if (radios.RowsUnder(ap.Index).Any(r => r.Number(RadioRunState) == 1))
            return (ApStatus.Online, "radio up");
        return (ApStatus.Other, "not reported");
    }

    private static string RunStateName(long state) => state switch
    {
        2 => "autofind",
        3 => "typeNotMatch",
        5 => "config",
        6 => "configFailed",
        7 => "download",
        9 => "committing",
        10 => "commitFailed",
        11 => "standby",
        12 => "verMismatch",
        13 => "nameConflicted",
        14 => "invalid",
        15 => "countryCodeMismatch",
        _ => state.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static IEnumerable<SsidState> Ssids(SnmpTable stats, SnmpTable vaps)
    {
        if (stats.Count > 0)
        {
            // hwWlanSsid is an OCTET STRING index: length, then the SSID's bytes.
            return stats.Rows
                .Select(r => (Name: SnmpIndex.LengthPrefixedString(r.Index), Clients: (r.Number(Ssid2gStaCnt) ?? 0) + (r.Number(Ssid5gStaCnt) ?? 0) + (r.Number(Ssid6gStaCnt) ?? 0)))
                .Where(s => s.Name is not null)
                .Select(s => new SsidState(s.Name!, s.Clients));
        }
        return SsidsByName(vaps, VapSsid, VapStaOnlineCnt);
    }
}
