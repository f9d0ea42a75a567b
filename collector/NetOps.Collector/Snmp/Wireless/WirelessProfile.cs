using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Collector.Snmp.Wireless;

/// <summary>
/// How one vendor's wireless MIB is read. A profile is chosen by what the device answers: any of its
/// <see cref="Probes"/> (table columns or scalars) present; when several vendors' tables answer, the
/// one whose enterprise number the sysObjectID carries wins.
/// </summary>
public abstract class WirelessProfile
{
    public abstract string Vendor { get; }

    /// <summary>The IANA enterprise number of the vendor (the arc after 1.3.6.1.4.1 in its sysObjectIDs).</summary>
    public abstract uint Enterprise { get; }

    public abstract IReadOnlyList<ObjectIdentifier> Probes { get; }

    public abstract Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken);

    protected static ObjectIdentifier Oid(string dotted) => ObjectIdentifier.Parse(dotted);

    /// <summary>
    /// The state from what was read: APs and SSIDs in name order; the AP count is the controller's
    /// own counter when it has one, else the APs listed; clients the controller's total, else the
    /// SSIDs' sum when the device counts per SSID, else the APs' sum.
    /// </summary>
    protected WirelessState Result(IEnumerable<AccessPointState> aps, IEnumerable<SsidState> ssids, long? joinedAps = null, long? totalClients = null)
    {
        var apList = aps.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Mac, StringComparer.Ordinal).ToList();
        var ssidList = ssids.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var clients = totalClients ?? (ssidList.Count > 0 ? ssidList.Sum(s => s.Clients) : apList.Sum(a => a.Clients));
        return new WirelessState(Vendor, joinedAps ?? apList.Count, clients, apList, ssidList);
    }

    /// <summary>The common up(1)/down(2) AP status enumeration.</summary>
    protected static (string Status, string Word) UpDown(long? value, string up = "up", string down = "down") => value switch
    {
        1 => (ApStatus.Online, up),
        2 => (ApStatus.Offline, down),
        null => (ApStatus.Other, "not reported"),
        _ => (ApStatus.Other, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>Clients per SSID from a table with the SSID's name and a count in each row (per VAP, per WLAN...), summed by name.</summary>
    protected static IEnumerable<SsidState> SsidsByName(SnmpTable table, uint nameColumn, uint countColumn) => table.Rows
        .Where(r => r.Text(nameColumn) is { Length: > 0 } && r.Number(countColumn) is not null)
        .GroupBy(r => r.Text(nameColumn)!)
        .Select(g => new SsidState(g.Key, g.Sum(r => r.Number(countColumn)!.Value)));

    /// <summary>An AP named by the device, or by its MAC when the name is empty.</summary>
    protected static AccessPointState Ap(string? name, string? mac, string status, long clients, string vendorStatus) =>
        new(string.IsNullOrWhiteSpace(name) ? mac ?? "" : name.Trim(), mac ?? "", status, clients, vendorStatus);
}

/// <summary>Reads tables and scalars from one device for a profile, through the walker that copes with oversized pages.</summary>
public sealed class WirelessReader(SnmpClient client, TableWalker walker, SnmpTarget target, string sysName)
{
    public string SysName => sysName;

    /// <summary>The given columns of the table whose entry is <paramref name="entry"/>; columns the device lacks are simply absent.</summary>
    public async Task<SnmpTable> TableAsync(ObjectIdentifier entry, uint[] columns, CancellationToken cancellationToken)
    {
        var all = new List<VarBind>();
        foreach (var column in columns)
            all.AddRange(await walker.WalkAsync(target, entry.Append(column), cancellationToken).ConfigureAwait(false));
        return SnmpTable.From(entry, all);
    }

    /// <summary>Integer scalars by GET; null for each the device does not have.</summary>
    public async Task<long?[]> ScalarsAsync(ObjectIdentifier[] oids, CancellationToken cancellationToken)
    {
        try
        {
            var answers = await client.GetAsync(target, oids, cancellationToken).ConfigureAwait(false);
            return answers.Select(a => Number(a.Value)).ToArray();
        }
        catch (SnmpErrorException e) when (e.Error == SnmpError.NoSuchName && oids.Length > 1)
        {
            // SNMPv1 refuses the whole request for one missing variable: ask one by one.
            var values = new long?[oids.Length];
            for (var i = 0; i < oids.Length; i++)
                values[i] = (await ScalarsAsync([oids[i]], cancellationToken).ConfigureAwait(false))[0];
            return values;
        }
        catch (SnmpErrorException e) when (e.Error == SnmpError.NoSuchName)
        {
            return [null];
        }
    }

    private static long? Number(SnmpValue value) =>
        value.Type is SnmpType.Integer32 or SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.Counter64 ? value.Number : null;
}
