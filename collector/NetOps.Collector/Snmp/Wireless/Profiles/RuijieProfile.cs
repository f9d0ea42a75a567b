using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// Ruijie wireless controllers (RGOS AC; the MIB is named RUIJIE-AC-MGMT-MIB, MY-AC-MGMT-MIB on
/// older releases, same OIDs under enterprise 4881): ruijieApgCfgTable with the AP's MAC (.1),
/// name (.2), associated stations (.34) and state (.48: 1 on line, 2 off line).
/// </summary>
public sealed class RuijieProfile : WirelessProfile
{
    private static readonly ObjectIdentifier ApEntry = Oid("1.3.6.1.4.1.4881.1.1.10.2.56.2.1.1.1");

    private const uint ApMac = 1, ApName = 2, ApStaNum = 34, ApState = 48;

    public override string Vendor => "ruijie";
    public override uint Enterprise => 4881;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } = [Oid("1.3.6.1.4.1.4881.1.1.10.2.56.2.1.1")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var aps = await reader.TableAsync(ApEntry, [ApMac, ApName, ApStaNum, ApState], cancellationToken).ConfigureAwait(false);
        var list = aps.Rows.Select(row =>
        {
            var (status, word) = UpDown(row.Number(ApState), "on line", "off line");
            return Ap(row.Text(ApName), row.Mac(ApMac) ?? SnmpIndex.Mac(row.Index), status, row.Number(ApStaNum) ?? 0, word);
        });
        return Result(list, []);
    }
}
