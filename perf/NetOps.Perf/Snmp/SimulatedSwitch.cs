using System.Text;
using NetOps.Snmp;

namespace NetOps.Perf.Snmp;

/// <summary>
/// The MIB of one simulated 48-port access switch, for load only: the system group, ifNumber,
/// the whole IF-MIB ifTable (22 columns) and ifXTable (19 columns) with 64-bit counters. Every
/// device has the same OIDs (one sorted list, shared); only values differ: device <c>d</c>, port
/// <c>p</c> carries a fixed byte rate of its own, so its counters move with the responder's clock
/// and a poller's rates can be checked against <see cref="BytesPerSecond"/>. Every seventh port is
/// down (its counters stand still).
/// </summary>
public static class SimulatedSwitch
{
    public const int Ports = 48;
    public const int IfTableColumns = 22;
    public const int IfXTableColumns = 19;
    public const long SpeedBps = 1_000_000_000;

    private static readonly uint[] System = [1, 3, 6, 1, 2, 1, 1];
    private static readonly uint[] IfNumber = [1, 3, 6, 1, 2, 1, 2, 1, 0];
    private static readonly uint[] IfEntry = [1, 3, 6, 1, 2, 1, 2, 2, 1];
    private static readonly uint[] IfXEntry = [1, 3, 6, 1, 2, 1, 31, 1, 1, 1];
    private static readonly ObjectIdentifier SysObjectId = ObjectIdentifier.Parse("1.3.6.1.4.1.25506.1.1");
    private static readonly ObjectIdentifier ZeroDotZero = ObjectIdentifier.Parse("0.0");

    /// <summary>What an OID of the MIB is: a system scalar (column = its arc), ifNumber, or a table column of one port.</summary>
    public enum Group { System, IfNumber, IfTable, IfXTable }

    public sealed record Entry(ObjectIdentifier Oid, Group Group, uint Column, int Port);

    /// <summary>Every OID of one device, in MIB (lexicographic) order.</summary>
    public static IReadOnlyList<Entry> Entries { get; } = Build();

    /// <summary>Varbinds of the two tables, what a full walk of ifTable and ifXTable returns.</summary>
    public const int TableVarBinds = (IfTableColumns + IfXTableColumns) * Ports;

    private static List<Entry> Build()
    {
        var list = new List<Entry>();
        for (uint c = 1; c <= 7; c++)
            list.Add(new Entry(new ObjectIdentifier([.. System, c, 0]), Group.System, c, 0));
        list.Add(new Entry(new ObjectIdentifier(IfNumber), Group.IfNumber, 0, 0));
        for (uint c = 1; c <= IfTableColumns; c++)
            for (var p = 1; p <= Ports; p++)
                list.Add(new Entry(new ObjectIdentifier([.. IfEntry, c, (uint)p]), Group.IfTable, c, p));
        for (uint c = 1; c <= IfXTableColumns; c++)
            for (var p = 1; p <= Ports; p++)
                list.Add(new Entry(new ObjectIdentifier([.. IfXEntry, c, (uint)p]), Group.IfXTable, c, p));
        list.Sort((a, b) => a.Oid.CompareTo(b.Oid));
        return list;
    }

    public static string Name(int device) => $"sw-{device:D4}";

    public static bool IsUp(int device, int port) => (device + port) % 7 != 0;

    /// <summary>The port's constant traffic, each way: up to 50 MB/s (400 Mbit/s, under the 1 Gbit/s line rate).</summary>
    public static long BytesPerSecond(int device, int port, bool inbound) =>
        IsUp(device, port) ? (long)(Mix((uint)(device * 97 + port * 2 + (inbound ? 0 : 1))) % 50_000_000) : 0;

    /// <summary>The value of <paramref name="entry"/> on <paramref name="device"/> at <paramref name="seconds"/> since the responder started.</summary>
    public static SnmpValue Value(Entry entry, int device, double seconds)
    {
        // Devices booted at different times; the uptime counts from then.
        var uptimeTicks = (uint)((seconds + 86_400 + device * 37) * 100);
        switch (entry.Group)
        {
            case Group.System:
                return entry.Column switch
                {
                    1 => Text($"NetOps load switch, 48 x 1000BASE-T (simulated device {device})"),
                    2 => SnmpValue.Identifier(SysObjectId),
                    3 => SnmpValue.Unsigned32(SnmpType.TimeTicks, uptimeTicks),
                    4 => Text("netops@lab-school"),
                    5 => Text(Name(device)),
                    6 => Text($"教学楼 {device / 40 + 1} 层 {device % 40 + 1}"),
                    _ => SnmpValue.Integer(2),
                };
            case Group.IfNumber:
                return SnmpValue.Integer(Ports);
            case Group.IfTable:
                return IfTableValue(entry.Column, device, entry.Port, seconds);
            default:
                return IfXTableValue(entry.Column, device, entry.Port, seconds);
        }
    }

    private static SnmpValue IfTableValue(uint column, int device, int port, double seconds)
    {
        var up = IsUp(device, port);
        return column switch
        {
            1 => SnmpValue.Integer(port),
            2 => Text($"GigabitEthernet1/0/{port}"),
            3 => SnmpValue.Integer(6),
            4 => SnmpValue.Integer(1500),
            5 => SnmpValue.Unsigned32(SnmpType.Gauge32, (uint)SpeedBps),
            6 => SnmpValue.Octets(SnmpType.OctetString, [0x02, 0x4e, (byte)(device >> 8), (byte)device, 0, (byte)port]),
            7 => SnmpValue.Integer(1),
            8 => SnmpValue.Integer(up ? 1 : 2),
            9 => SnmpValue.Unsigned32(SnmpType.TimeTicks, 0),
            10 => Counter32(Octets(device, port, true, seconds)),
            11 => Counter32(Octets(device, port, true, seconds) / 700),
            16 => Counter32(Octets(device, port, false, seconds)),
            17 => Counter32(Octets(device, port, false, seconds) / 700),
            12 or 18 => Counter32(Octets(device, port, column == 12, seconds) / 70_000),
            13 or 14 or 15 or 19 or 20 => Counter32((ulong)(port % 3 == 0 ? device % 5 : 0)),
            21 => SnmpValue.Unsigned32(SnmpType.Gauge32, 0),
            _ => SnmpValue.Identifier(ZeroDotZero),
        };
    }

    private static SnmpValue IfXTableValue(uint column, int device, int port, double seconds) => column switch
    {
        1 => Text($"GE1/0/{port}"),
        2 or 3 or 4 or 5 => Counter32(Octets(device, port, column <= 3, seconds) / 140_000),
        6 => SnmpValue.Counter64(Octets(device, port, true, seconds)),
        7 => SnmpValue.Counter64(Octets(device, port, true, seconds) / 700),
        8 or 9 => SnmpValue.Counter64(Octets(device, port, true, seconds) / 140_000),
        10 => SnmpValue.Counter64(Octets(device, port, false, seconds)),
        11 => SnmpValue.Counter64(Octets(device, port, false, seconds) / 700),
        12 or 13 => SnmpValue.Counter64(Octets(device, port, false, seconds) / 140_000),
        14 => SnmpValue.Integer(1),
        15 => SnmpValue.Unsigned32(SnmpType.Gauge32, (uint)(SpeedBps / 1_000_000)),
        16 => SnmpValue.Integer(2),
        17 => SnmpValue.Integer(1),
        18 => Text(port <= 40 ? $"教室 {device % 100}-{port}" : "uplink"),
        _ => SnmpValue.Unsigned32(SnmpType.TimeTicks, 0),
    };

    /// <summary>A 64-bit octet counter that started at a large per-port value and grows at the port's rate.</summary>
    private static ulong Octets(int device, int port, bool inbound, double seconds) =>
        (ulong)Mix((uint)(device * 131 + port * 3 + (inbound ? 7 : 11))) * 1_000 + (ulong)(BytesPerSecond(device, port, inbound) * seconds);

    private static SnmpValue Counter32(ulong value) => SnmpValue.Unsigned32(SnmpType.Counter32, unchecked((uint)value));

    private static SnmpValue Text(string text) => SnmpValue.Octets(SnmpType.OctetString, Encoding.UTF8.GetBytes(text));

    private static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x7feb352d;
        x ^= x >> 15;
        x *= 0x846ca68b;
        x ^= x >> 16;
        return x;
    }
}
