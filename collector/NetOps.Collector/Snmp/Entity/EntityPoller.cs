using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Reads a device's identity from ENTITY-MIB's entPhysicalTable without walking all of it (a modular
/// switch has thousands of cells): one walk of entPhysicalClass finds the chassis (class 3) or, for
/// a device that describes itself only as a stack, the stack members (class 11 rows that hold no
/// other stack); then one Get per member reads just the columns wanted.
/// </summary>
public sealed class EntityPoller(SnmpClient client)
{
    private static readonly ObjectIdentifier Entry = ObjectIdentifier.Parse("1.3.6.1.2.1.47.1.1.1.1");
    private const uint Descr = 2, ContainedIn = 4, Class = 5, Name = 7, HardwareRev = 8, FirmwareRev = 9, SoftwareRev = 10, Serial = 11, MfgName = 12, ModelName = 13;
    private const long ChassisClass = 3, ContainerClass = 5, ModuleClass = 9, StackClass = 11;
    private static readonly uint[] MemberColumns = [Descr, ContainedIn, Name, HardwareRev, FirmwareRev, SoftwareRev, Serial, MfgName, ModelName];
    private const int BoardsTried = 4;

    public async Task<EntityState> PollAsync(SnmpTarget target, string sysObjectId, CancellationToken cancellationToken = default)
    {
        var classes = Column(await client.WalkAsync(target, Entry.Append(Class), cancellationToken).ConfigureAwait(false), Class)
            .ToDictionary(c => c.Key, c => c.Value.Number);
        var candidates = classes.Where(c => c.Value is ChassisClass or StackClass).Select(c => c.Key).Order().ToList();
        var rows = new List<(long Index, long Class, SnmpValue?[] Values)>();
        foreach (var index in candidates)
        {
            var values = await OptionalGet.GetAsync(client, target, MemberColumns.Select(c => Entry.Append(c, (uint)index)).ToList(), cancellationToken).ConfigureAwait(false);
            rows.Add((index, classes[index], values));
        }
        var members = new List<ChassisMember>();
        foreach (var row in Members(rows))
        {
            string Text(uint column) => row.Values[Array.IndexOf(MemberColumns, column)] is { } v ? v.Text.Trim() : "";
            var member = new ChassisMember(row.Index, row.Class == ChassisClass ? "chassis" : "stack",
                row.Values[Array.IndexOf(MemberColumns, ContainedIn)]?.Number ?? 0, Text(Name), Text(Descr), Text(MfgName), Text(ModelName),
                Text(Serial), Text(Serial).Length > 0 ? "entPhysicalSerialNum" : "", Text(HardwareRev), Text(FirmwareRev), Text(SoftwareRev));
            members.Add(member);
        }
        if (members.Any(m => m.Serial.Length == 0))
            members = await WithBoardSerialsAsync(target, members, classes, cancellationToken).ConfigureAwait(false);
        return Summarize(members, sysObjectId);
    }

    /// <summary>Chassis rows; without any, the stack rows that contain no other stack row (the members).</summary>
    private static IEnumerable<(long Index, long Class, SnmpValue?[] Values)> Members(List<(long Index, long Class, SnmpValue?[] Values)> rows)
    {
        var chassis = rows.Where(r => r.Class == ChassisClass).ToList();
        if (chassis.Count > 0)
            return chassis;
        var containedIn = Array.IndexOf(MemberColumns, ContainedIn);
        var stacks = rows.Where(r => r.Class == StackClass).ToList();
        return stacks.Where(s => !stacks.Any(other => other.Values[containedIn]?.Number == s.Index));
    }

    /// <summary>
    /// A chassis row without a serial (Huawei VRP box switches, for one) has it on its main board: the
    /// first modules reached from the chassis through containers only.
    /// </summary>
    private async Task<List<ChassisMember>> WithBoardSerialsAsync(SnmpTarget target, List<ChassisMember> members, Dictionary<long, long> classes, CancellationToken cancellationToken)
    {
        var parents = Column(await client.WalkAsync(target, Entry.Append(ContainedIn), cancellationToken).ConfigureAwait(false), ContainedIn);
        var children = parents.GroupBy(p => p.Value.Number, p => p.Key).ToDictionary(g => g.Key, g => g.Order().ToList());
        var result = new List<ChassisMember>();
        foreach (var member in members)
        {
            if (member.Serial.Length > 0)
            {
                result.Add(member);
                continue;
            }
            var found = member;
            foreach (var board in Boards(member.Index, children, classes).Take(BoardsTried))
            {
                var serial = (await OptionalGet.GetAsync(client, target, [Entry.Append(Serial, (uint)board)], cancellationToken).ConfigureAwait(false))[0];
                if (serial?.Text.Trim() is { Length: > 0 } text)
                {
                    found = member with { Serial = text, SerialSource = $"board {board}" };
                    break;
                }
            }
            result.Add(found);
        }
        return result;
    }

    private static IEnumerable<long> Boards(long chassis, Dictionary<long, List<long>> children, Dictionary<long, long> classes)
    {
        var level = new List<long> { chassis };
        for (var depth = 0; depth < 4 && level.Count > 0; depth++)
        {
            var next = new List<long>();
            foreach (var child in level.SelectMany(p => children.GetValueOrDefault(p) ?? []))
            {
                var kind = classes.GetValueOrDefault(child);
                if (kind == ModuleClass)
                    yield return child;
                else if (kind == ContainerClass)
                    next.Add(child);
            }
            level = next;
        }
    }

    private static EntityState Summarize(List<ChassisMember> members, string sysObjectId)
    {
        var enterprise = EnterpriseNumbers.Of(sysObjectId);
        var (registry, enterpriseVendor) = EnterpriseNumbers.Name(enterprise);
        var (vendor, vendorSource) = members.FirstOrDefault(m => m.MfgName.Length > 0) is { } named
            ? (named.MfgName, "entPhysicalMfgName")
            : enterpriseVendor.Length > 0 ? (enterpriseVendor, "sysObjectID") : ("", "");
        var (model, modelSource) = members.FirstOrDefault() switch
        {
            { Model.Length: > 0 } m => (m.Model, "entPhysicalModelName"),
            { Name.Length: > 0 } m => (m.Name, "entPhysicalName"),
            { Descr.Length: > 0 } m => (m.Descr, "entPhysicalDescr"),
            _ => ("", ""),
        };
        string First(Func<ChassisMember, string> field) => members.Select(field).FirstOrDefault(v => v.Length > 0) ?? "";
        return new EntityState(vendor, vendorSource, enterprise, registry, model, modelSource,
            members.Select(m => m.Serial).Where(s => s.Length > 0).Distinct().ToList(),
            First(m => m.HardwareRev), First(m => m.FirmwareRev), First(m => m.SoftwareRev), members);
    }

    /// <summary>One column's instances by entPhysicalIndex.</summary>
    private static Dictionary<long, SnmpValue> Column(IReadOnlyList<VarBind> varBinds, uint column)
    {
        var root = Entry.Append(column);
        var values = new Dictionary<long, SnmpValue>();
        foreach (var vb in varBinds)
        {
            var index = vb.Oid.IndexAfter(root);
            if (index.Length == 1 && !vb.Value.IsException)
                values[index[0]] = vb.Value;
        }
        return values;
    }
}
