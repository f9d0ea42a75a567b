using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// H3C / HPE Comware wireless controllers: HH3C-DOT11-APMT-MIB hh3cDot11APObjectStatusTable
/// (hh3cDot11APMacAddress, hh3cDot11APOperationStatus; index hh3cDot11APID) and
/// hh3cDot11APObjectTable, the APs currently connected (hh3cDot11CurrAPMacAddress,
/// hh3cDot11CurrAPStationAssocCount, hh3cDot11CurrAPName; index hh3cDot11APObjID). Both indexes
/// are the AP's identifier (Hh3cDot11ObjectIDType, an OCTET STRING: length, then its bytes).
/// </summary>
public sealed class H3cProfile : WirelessProfile
{
    private static readonly ObjectIdentifier StatusEntry = Oid("1.3.6.1.4.1.25506.2.75.2.1.1.1");
    private static readonly ObjectIdentifier ObjectEntry = Oid("1.3.6.1.4.1.25506.2.75.2.1.2.1");

    private const uint StatusMac = 3, OperationStatus = 4;
    private const uint CurrMac = 3, CurrStationAssocCount = 7, CurrName = 8;

    public override string Vendor => "h3c";
    public override uint Enterprise => 25506;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } = [Oid("1.3.6.1.4.1.25506.2.75.2.1.1"), Oid("1.3.6.1.4.1.25506.2.75.2.1.2")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var status = await reader.TableAsync(StatusEntry, [StatusMac, OperationStatus], cancellationToken).ConfigureAwait(false);
        var current = await reader.TableAsync(ObjectEntry, [CurrMac, CurrStationAssocCount, CurrName], cancellationToken).ConfigureAwait(false);

        var ids = status.Rows.Select(r => r.Index).Concat(current.Rows.Select(r => r.Index))
            .DistinctBy(i => string.Join('.', i));
        var list = ids.Select(id =>
        {
            var s = status.Row(id);
            var c = current.Row(id);
            var (state, word) = s?.Number(OperationStatus) switch
            {
                5 => (ApStatus.Online, "run"),
                1 => (ApStatus.Other, "join"),
                2 => (ApStatus.Other, "joinConfirm"),
                3 => (ApStatus.Other, "download"),
                4 => (ApStatus.Other, "config"),
                // Listed among the connected APs without a state of its own.
                null when c is not null => (ApStatus.Online, "connected"),
                var other => (ApStatus.Other, other?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not reported"),
            };
            var name = c?.Text(CurrName) ?? SnmpIndex.LengthPrefixedString(id);
            return Ap(name, c?.Mac(CurrMac) ?? s?.Mac(StatusMac), state, c?.Number(CurrStationAssocCount) ?? 0, word);
        });
        return Result(list, []);
    }
}
