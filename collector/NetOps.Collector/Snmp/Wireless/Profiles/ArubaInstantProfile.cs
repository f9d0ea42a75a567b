using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// Aruba Instant virtual controllers: AI-AP-MIB aiAccessPointTable (aiAPName, aiAPStatus; index AP
/// MAC), aiRadioTable (aiRadioClientNum; index AP MAC + radio) and aiWlanSSIDTable (aiSSID,
/// aiSSIDClientNum; index aiSSIDIndex). The AP table is empty on an AP that is not the virtual controller.
/// </summary>
public sealed class ArubaInstantProfile : WirelessProfile
{
    private static readonly ObjectIdentifier ApEntry = Oid("1.3.6.1.4.1.14823.2.3.3.1.2.1.1");
    private static readonly ObjectIdentifier RadioEntry = Oid("1.3.6.1.4.1.14823.2.3.3.1.2.2.1");
    private static readonly ObjectIdentifier SsidEntry = Oid("1.3.6.1.4.1.14823.2.3.3.1.1.7.1");

    private const uint ApName = 2, ApStatusColumn = 11;
    private const uint RadioClientNum = 21;
    private const uint SsidName = 2, SsidClientNum = 4;

    public override string Vendor => "aruba-instant";
    public override uint Enterprise => 14823;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } = [Oid("1.3.6.1.4.1.14823.2.3.3.1.2.1"), Oid("1.3.6.1.4.1.14823.2.3.3.1.1.7")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var aps = await reader.TableAsync(ApEntry, [ApName, ApStatusColumn], cancellationToken).ConfigureAwait(false);
        var radios = await reader.TableAsync(RadioEntry, [RadioClientNum], cancellationToken).ConfigureAwait(false);
        var ssidTable = await reader.TableAsync(SsidEntry, [SsidName, SsidClientNum], cancellationToken).ConfigureAwait(false);

        var list = aps.Rows.Select(row =>
        {
            var (status, word) = UpDown(row.Number(ApStatusColumn));
            return Ap(row.Text(ApName), SnmpIndex.Mac(row.Index), status, radios.SumWhere(row.Index, RadioClientNum) ?? 0, word);
        });
        return Result(list, SsidsByName(ssidTable, SsidName, SsidClientNum));
    }
}
