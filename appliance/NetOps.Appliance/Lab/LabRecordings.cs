using System.Globalization;
using System.Text;
using NetOps.Snmp;

namespace NetOps.Appliance.Lab;

/// <summary>One simulated device of the built-in lab.</summary>
internal sealed record LabDevice(string Name, string Role, string Location, string Descr, int Ports, long PortSpeedMbps, int Uplinks, long UplinkSpeedMbps,
    bool Ipv6, string? UplinkNeighbor, bool Wireless = false);

/// <summary>
/// Writes the lab's own SNMP recordings (snmpsim .snmprec) for a small campus: a core switch, two
/// access switches, a wireless controller with its APs (<see cref="LabWireless"/>) and an egress
/// firewall, with interface counters and client counts that move (snmpsim's numeric variation) so
/// the poller computes real rates. NetOps makes these itself; no third-party data.
/// </summary>
internal static class LabRecordings
{
    public static readonly LabDevice[] Campus =
    [
        new("lab-core-1", "core", "网络中心机房 A1", "NetOps lab core switch, 24x10G", 24, 10_000, 0, 0, Ipv6: true, UplinkNeighbor: null),
        new("lab-access-1", "access", "教学楼 A 2层弱电间", "NetOps lab access switch, 48x1G + 2x10G", 48, 1_000, 2, 10_000, Ipv6: true, UplinkNeighbor: "lab-core-1"),
        new("lab-access-2", "access", "实验楼 1层弱电间", "NetOps lab access switch, 48x1G + 2x10G", 48, 1_000, 2, 10_000, Ipv6: false, UplinkNeighbor: "lab-core-1"),
        new("lab-egress-1", "egress", "网络中心机房 A2", "NetOps lab egress firewall, 4x1G WAN/LAN", 4, 1_000, 0, 0, Ipv6: true, UplinkNeighbor: "lab-core-1"),
        new("lab-ac-1", "wireless_controller", "网络中心机房 A1", "NetOps lab wireless controller (Huawei AC MIB), 8 APs, 8x1G + 2x10G", 8, 1_000, 2, 10_000, Ipv6: true, UplinkNeighbor: "lab-core-1", Wireless: true),
    ];

    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(2026);
        foreach (var device in Campus)
            File.WriteAllText(Path.Combine(directory, device.Name + ".snmprec"), Recording(device, random), new UTF8Encoding(false));
    }

    private static string Recording(LabDevice device, Random random)
    {
        var rows = new List<(ObjectIdentifier Oid, string Value)>();
        void Add(string oid, string value) => rows.Add((ObjectIdentifier.Parse(oid), value));
        Add("1.3.6.1.2.1.1.1.0", "4|" + device.Descr);
        Add("1.3.6.1.2.1.1.2.0", "6|1.3.6.1.4.1.8072.3.2.10");
        Add("1.3.6.1.2.1.1.3.0", "67:numeric|rate=100,initial=360000");
        Add("1.3.6.1.2.1.1.4.0", "4|noc@lab-school.example");
        Add("1.3.6.1.2.1.1.5.0", "4|" + device.Name);
        Add("1.3.6.1.2.1.1.6.0", "4|" + device.Location);
        var total = device.Ports + device.Uplinks;
        for (var i = 1; i <= total; i++)
        {
            var uplink = i > device.Ports;
            var speedMbps = uplink ? device.UplinkSpeedMbps : device.PortSpeedMbps;
            var name = uplink ? $"TenGigabitEthernet1/1/{i - device.Ports}" : speedMbps >= 10_000 ? $"TenGigabitEthernet1/0/{i}" : $"GigabitEthernet1/0/{i}";
            var up = uplink || random.NextDouble() < 0.8;
            // Bytes per second: a busy campus at 1-15 % of line rate, uplinks busier.
            var load = up ? (uplink ? 0.10 + 0.10 * random.NextDouble() : 0.01 + 0.14 * random.NextDouble()) : 0;
            var inRate = (long)(speedMbps * 1_000_000 / 8 * load);
            var outRate = (long)(inRate * (0.2 + 0.6 * random.NextDouble()));
            var idx = i.ToString(CultureInfo.InvariantCulture);
            Add($"1.3.6.1.2.1.2.2.1.1.{idx}", "2|" + idx);
            Add($"1.3.6.1.2.1.2.2.1.2.{idx}", "4|" + name);
            Add($"1.3.6.1.2.1.2.2.1.3.{idx}", "2|6");
            Add($"1.3.6.1.2.1.2.2.1.5.{idx}", "66|" + Math.Min(speedMbps * 1_000_000, uint.MaxValue).ToString(CultureInfo.InvariantCulture));
            Add($"1.3.6.1.2.1.2.2.1.7.{idx}", "2|1");
            Add($"1.3.6.1.2.1.2.2.1.8.{idx}", up ? "2|1" : "2|2");
            Add($"1.3.6.1.2.1.2.2.1.10.{idx}", Counter("65", inRate));
            Add($"1.3.6.1.2.1.2.2.1.13.{idx}", "65|0");
            Add($"1.3.6.1.2.1.2.2.1.14.{idx}", up ? "65:numeric|rate=0.01,cumulative=1" : "65|0");
            Add($"1.3.6.1.2.1.2.2.1.16.{idx}", Counter("65", outRate));
            Add($"1.3.6.1.2.1.2.2.1.19.{idx}", "65|0");
            Add($"1.3.6.1.2.1.2.2.1.20.{idx}", "65|0");
            Add($"1.3.6.1.2.1.31.1.1.1.1.{idx}", "4|" + name);
            Add($"1.3.6.1.2.1.31.1.1.1.6.{idx}", Counter("70", inRate));
            Add($"1.3.6.1.2.1.31.1.1.1.10.{idx}", Counter("70", outRate));
            Add($"1.3.6.1.2.1.31.1.1.1.15.{idx}", "66|" + speedMbps.ToString(CultureInfo.InvariantCulture));
            Add($"1.3.6.1.2.1.31.1.1.1.18.{idx}", "4|" + (uplink ? "uplink to core" : $"room {100 + i}"));
            Add($"1.3.6.1.2.1.31.1.1.1.19.{idx}", "67|0");
        }
        if (device.Ipv6)
        {
            // ipAddressIfIndex for one global IPv6 address: 2001:db8:<device>::1 (documentation prefix).
            var address = new byte[16] { 0x20, 0x01, 0x0d, 0xb8, 0, (byte)(Array.IndexOf(Campus, device) + 1), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
            Add("1.3.6.1.2.1.4.34.1.3.2.16." + string.Join('.', address), "2|1");
            Add("1.3.6.1.2.1.4.25.0", device.Role == "access" ? "2|2" : "2|1");
        }
        if (device.UplinkNeighbor is { } neighbor)
        {
            var port = (device.Ports + 1).ToString(CultureInfo.InvariantCulture);
            Add($"1.0.8802.1.1.2.1.4.1.1.7.0.{port}.1", "4|TenGigabitEthernet1/0/" + (Array.IndexOf(Campus, device) + 1));
            Add($"1.0.8802.1.1.2.1.4.1.1.8.0.{port}.1", "4|to " + device.Name);
            Add($"1.0.8802.1.1.2.1.4.1.1.9.0.{port}.1", "4|" + neighbor);
        }
        if (device.Wireless)
        {
            foreach (var (oid, value) in LabWireless.Rows())
                Add(oid, value);
        }
        rows.Sort((a, b) => a.Oid.CompareTo(b.Oid));
        var text = new StringBuilder();
        foreach (var (oid, value) in rows)
            text.Append(oid).Append('|').Append(value).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// A counter that grows at about <paramref name="bytesPerSecond"/> with snmpsim's numeric
    /// variation; measured here, snmpsimd 0.4.5 grows a cumulative counter about 2.4 times its
    /// rate parameter per second, hence the divisor.
    /// </summary>
    private static string Counter(string type, long bytesPerSecond)
    {
        var rate = bytesPerSecond * 10 / 24;
        return rate == 0 ? type + "|0" : $"{type}:numeric|rate={rate},deviation={Math.Max(1, rate / 10)},cumulative=1";
    }
}
