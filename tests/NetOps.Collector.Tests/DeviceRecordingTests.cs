using System.Text.Json;
using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

public sealed class SimulatorFixture : IAsyncLifetime
{
    public SnmpSimulator Simulator { get; private set; } = null!;
    public async Task InitializeAsync() => Simulator = await SnmpSimulator.StartAsync();
    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

/// <summary>
/// The poller against real devices' recordings (LibreNMS's test data served by snmpsimd), compared
/// with what LibreNMS itself found in them.
/// </summary>
public sealed class DeviceRecordingTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    public static IEnumerable<object[]> Recordings() =>
        Directory.GetFiles(Path.Combine(SnmpSimulator.Recordings, "expected"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => File.Exists(Path.Combine(SnmpSimulator.Recordings, "normalized", name + ".snmprec")) && ExpectedPorts(name!).Count > 0)
            .Order()
            .Select(name => new object[] { name! });

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task InterfacesMatchWhatLibreNmsFound(string device)
    {
        var expected = ExpectedPorts(device);
        await using var client = new SnmpClient();
        var target = new SnmpTarget(fixture.Simulator.EndPoint, SnmpVersion.V2c, device) { Timeout = TimeSpan.FromSeconds(3) };
        var state = await new DeviceStatePoller(client).PollAsync(target);

        // INDEX.tsv counts the distinct ifIndex values of ifTable/ifXTable in each recording.
        Assert.Equal(IndexedInterfaceCount(device), state.Interfaces.Count);
        var ours = state.Interfaces.ToDictionary(i => i.Index);
        var missing = expected.Keys.Where(k => !ours.ContainsKey(k) && !NotInIfMib(device, k)).ToList();
        Assert.True(missing.Count == 0, $"{device}: ifIndex {string.Join(",", missing)} not found");
        foreach (var (index, port) in expected.Where(p => !NotInIfMib(device, p.Key)))
        {
            var ifc = ours[index];
            if (port.Name is { Length: > 0 } name)
                Assert.True(name == ifc.Name, $"{device} ifIndex {index}: name '{ifc.Name}', LibreNMS '{name}'");
            if (port.Speed is { } speed)
                Assert.True(speed == ifc.SpeedBps, $"{device} ifIndex {index} ({ifc.Name}): speed {ifc.SpeedBps}, LibreNMS {speed}");
        }
    }

    /// <summary>LibreNMS ports that come from a vendor MIB, not IF-MIB (documented in INDEX.tsv).</summary>
    private static bool NotInIfMib(string device, long ifIndex) => device == "bison" && ifIndex is >= 1002 and <= 1031;

    private static int IndexedInterfaceCount(string device)
    {
        var lines = File.ReadAllLines(Path.Combine(SnmpSimulator.Recordings, "INDEX.tsv"));
        var header = lines[0].Split('\t');
        var column = Array.FindIndex(header, h => h.StartsWith("interfaces", StringComparison.Ordinal));
        var row = lines.Skip(1).Select(l => l.Split('\t')).Single(r => r[0] == device + ".snmprec");
        return int.Parse(row[column], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<long, (string? Name, long? Speed)> ExpectedPorts(string device)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SnmpSimulator.Recordings, "expected", device + ".json")));
        if (!doc.RootElement.TryGetProperty("ports", out var ports))
            return [];
        var section = ports.TryGetProperty("poller", out var poller) && poller.ValueKind == JsonValueKind.Object ? poller : ports.GetProperty("discovery");
        var list = new Dictionary<long, (string?, long?)>();
        foreach (var port in section.GetProperty("ports").EnumerateArray())
        {
            var index = port.GetProperty("ifIndex").GetInt64();
            var name = port.TryGetProperty("ifName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            long? speed = port.TryGetProperty("ifSpeed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
            list[index] = (name, speed);
        }
        return list;
    }
}
