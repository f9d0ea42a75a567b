using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// Cisco WLC (AireOS, and IOS-XE controllers that keep the Airespace MIB): AIRESPACE-WIRELESS-MIB
/// bsnAPTable (bsnAPName, bsnAPOperationStatus; index bsnAPDot3MacAddress), bsnAPIfTable
/// (bsnAPIfOperStatus, bsnApIfNoOfUsers; index AP MAC + slot) and bsnDot11EssTable
/// (bsnDot11EssSsid, bsnDot11EssNumberOfMobileStations; index WLAN id).
/// </summary>
public sealed class CiscoWlcProfile : WirelessProfile
{
    private static readonly ObjectIdentifier ApEntry = Oid("1.3.6.1.4.1.14179.2.2.1.1");
    private static readonly ObjectIdentifier ApIfEntry = Oid("1.3.6.1.4.1.14179.2.2.2.1");
    private static readonly ObjectIdentifier EssEntry = Oid("1.3.6.1.4.1.14179.2.1.1.1");

    private const uint ApName = 3, ApOperationStatus = 6;
    private const uint IfOperStatus = 12, IfNoOfUsers = 15;
    private const uint EssSsid = 2, EssNumberOfMobileStations = 38;

    public override string Vendor => "cisco-wlc";
    public override uint Enterprise => 9;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } = [Oid("1.3.6.1.4.1.14179.2.2.1"), Oid("1.3.6.1.4.1.14179.2.1.1")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var aps = await reader.TableAsync(ApEntry, [ApName, ApOperationStatus], cancellationToken).ConfigureAwait(false);
        var radios = await reader.TableAsync(ApIfEntry, [IfOperStatus, IfNoOfUsers], cancellationToken).ConfigureAwait(false);
        var ess = await reader.TableAsync(EssEntry, [EssSsid, EssNumberOfMobileStations], cancellationToken).ConfigureAwait(false);

        var list = aps.Rows.Select(row =>
        {
            var (status, word) = row.Number(ApOperationStatus) switch
            {
                1 => (ApStatus.Online, "associated"),
                2 => (ApStatus.Offline, "disassociating"),
                3 => (ApStatus.Other, "downloading"),
                { } other => (ApStatus.Other, other.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                // bsnAPIfOperStatus: down(1), up(2).
                null when radios.RowsUnder(row.Index).Any(r => r.Number(IfOperStatus) == 2) => (ApStatus.Online, "radio up"),
                null => (ApStatus.Other, "not reported"),
            };
            return Ap(row.Text(ApName), SnmpIndex.Mac(row.Index), status, radios.SumWhere(row.Index, IfNoOfUsers) ?? 0, word);
        });
        // Some controllers answer the station count as an empty string: such an SSID has no count to report.
        return Result(list, SsidsByName(ess, EssSsid, EssNumberOfMobileStations));
    }
}
