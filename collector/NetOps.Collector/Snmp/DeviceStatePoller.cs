using System.Net;
using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Polls one device's identity (with ENTITY-MIB vendor/model/serial), interfaces (IF-MIB ifTable +
/// ifXTable with 64-bit counters where the device has them), IPv6 readiness (IP-MIB), LLDP
/// neighbours and, for wireless controllers and APs, their APs, SSIDs and clients (see Wireless/),
/// and normalizes them.
/// </summary>
public sealed class DeviceStatePoller
{
    private readonly SnmpClient _client;
    private readonly TableWalker _walker;
    private readonly Wireless.WirelessPoller _wireless;

    public DeviceStatePoller(SnmpClient client)
    {
        _client = client;
        _walker = new TableWalker(client);
        _wireless = new Wireless.WirelessPoller(client, _walker);
    }

    /// <summary>The walker behind every table read, with what it learned about devices that need smaller pages.</summary>
    public TableWalker Walker => _walker;

    private static readonly ObjectIdentifier SysDescr = ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0");
    private static readonly ObjectIdentifier SysObjectId = ObjectIdentifier.Parse("1.3.6.1.2.1.1.2.0");
    private static readonly ObjectIdentifier SysUpTime = ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0");
    private static readonly ObjectIdentifier SysName = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");
    private static readonly ObjectIdentifier IfEntry = ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1");
    private static readonly ObjectIdentifier IfXEntry = ObjectIdentifier.Parse("1.3.6.1.2.1.31.1.1.1");
    private static readonly ObjectIdentifier LldpRemEntry = ObjectIdentifier.Parse("1.0.8802.1.1.2.1.4.1.1");

    public async Task<DeviceState> PollAsync(SnmpTarget target, CancellationToken cancellationToken = default)
    {
        var system = await _client.GetAsync(target, [SysDescr, SysObjectId, SysUpTime, SysName], cancellationToken).ConfigureAwait(false);
        string Text(int i) => system[i].Value.IsException ? "" : system[i].Value.Text;

        var ifTable = Columns(await WalkColumnsAsync(target, IfEntry, [2, 3, 5, 7, 8, 10, 13, 14, 16, 19, 20], cancellationToken).ConfigureAwait(false), IfEntry);
        var ifXTable = Columns(await WalkColumnsAsync(target, IfXEntry, [1, 6, 10, 15, 18, 19], cancellationToken).ConfigureAwait(false), IfXEntry);
        var indexes = ifTable.Keys.Concat(ifXTable.Keys).Distinct().Order().ToList();
        var interfaces = indexes.Select(index => Interface(index, ifTable.GetValueOrDefault(index), ifXTable.GetValueOrDefault(index))).ToList();

        var entity = await new EntityPoller(_client).PollAsync(target, Text(1), cancellationToken).ConfigureAwait(false);
        var ipv6 = await new Ipv6Poller(_client).PollAsync(target, cancellationToken).ConfigureAwait(false);
        var lldp = await LldpAsync(target, cancellationToken).ConfigureAwait(false);
        var wirelessState = await _wireless.PollAsync(target, Text(1), Text(3), cancellationToken).ConfigureAwait(false);
        return new DeviceState(Text(3), Text(0), Text(1), system[2].Value.IsException ? 0 : system[2].Value.Unsigned / 100.0, entity,
            interfaces, ipv6, lldp, wirelessState);
    }

    private async Task<List<VarBind>> WalkColumnsAsync(SnmpTarget target, ObjectIdentifier entry, uint[] columns, CancellationToken cancellationToken)
    {
        var all = new List<VarBind>();
        foreach (var column in columns)
            all.AddRange(await _walker.WalkAsync(target, entry.Append(column), cancellationToken).ConfigureAwait(false));
        return all;
    }

    /// <summary>Groups column instances by their single-arc index: index → column → value.</summary>
    private static Dictionary<long, Dictionary<uint, SnmpValue>> Columns(List<VarBind> varBinds, ObjectIdentifier entry)
    {
        var rows = new Dictionary<long, Dictionary<uint, SnmpValue>>();
        foreach (var vb in varBinds)
        {
            var rest = vb.Oid.IndexAfter(entry);
            if (rest.Length != 2 || vb.Value.IsException)
                continue;
            if (!rows.TryGetValue(rest[1], out var row))
                rows[rest[1]] = row = [];
            row[rest[0]] = vb.Value;
        }
        return rows;
    }

    private static InterfaceState Interface(long index, Dictionary<uint, SnmpValue>? ifRow, Dictionary<uint, SnmpValue>? ifXRow)
    {
        SnmpValue? If(uint c) => ifRow?.GetValueOrDefault(c);
        SnmpValue? IfX(uint c) => ifXRow?.GetValueOrDefault(c);
        var descr = If(2)?.Text ?? "";
        var name = IfX(1)?.Text is { Length: > 0 } n ? n : descr;
        var ifSpeed = (long)(If(5)?.Unsigned ?? 0);
        var highSpeed = (long)(IfX(15)?.Unsigned ?? 0);
        // ifSpeed saturates at 4,294,967,295; ifHighSpeed (Mbit/s) is exact above that.
        var speed = highSpeed > 0 && (ifSpeed == 0 || ifSpeed >= uint.MaxValue || highSpeed * 1_000_000 > ifSpeed) ? highSpeed * 1_000_000 : ifSpeed;
        var hcIn = IfX(6);
        var hcOut = IfX(10);
        return new InterfaceState(index, name, descr, IfX(18)?.Text ?? "", If(3)?.Number ?? 0, speed,
            Status(If(7)), Status(If(8)),
            hcIn?.Unsigned ?? If(10)?.Unsigned ?? 0, hcOut?.Unsigned ?? If(16)?.Unsigned ?? 0, hcIn is not null,
            (long)(If(14)?.Unsigned ?? 0), (long)(If(20)?.Unsigned ?? 0), (long)(If(13)?.Unsigned ?? 0), (long)(If(19)?.Unsigned ?? 0),
            (long)(IfX(19)?.Unsigned ?? 0));
    }

    private static string Status(SnmpValue? value) => value?.Number switch
    {
        1 => "up",
        2 => "down",
        3 => "testing",
        4 => "unknown",
        5 => "dormant",
        6 => "notPresent",
        7 => "lowerLayerDown",
        null => "",
        var other => other.ToString()!,
    };

    private async Task<List<LldpNeighbor>> LldpAsync(SnmpTarget target, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(uint, uint, uint), Dictionary<uint, SnmpValue>>();
        foreach (var column in new uint[] { 7, 8, 9 })
        {
            foreach (var vb in await _walker.WalkAsync(target, LldpRemEntry.Append(column), cancellationToken).ConfigureAwait(false))
            {
                var index = vb.Oid.IndexAfter(LldpRemEntry);
                if (index.Length != 4)
                    continue;
                var key = (index[1], index[2], index[3]);
                if (!rows.TryGetValue(key, out var row))
                    rows[key] = row = [];
                row[index[0]] = vb.Value;
            }
        }
        return rows.OrderBy(r => r.Key).Select(r => new LldpNeighbor(r.Key.Item2,
            r.Value.GetValueOrDefault(9u)?.Text ?? "", r.Value.GetValueOrDefault(7u)?.Text ?? "", r.Value.GetValueOrDefault(8u)?.Text ?? "")).ToList();
    }
}
