using System.Globalization;
using System.Net;
using System.Text.Json;
using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

/// <summary>IPv6 readiness of real devices' recordings (served by snmpsimd), against the recordings and LibreNMS.</summary>
public sealed class Ipv6RecordingTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private async Task<Ipv6State> PollAsync(string device)
    {
        await using var client = new SnmpClient();
        return await new Ipv6Poller(client).PollAsync(new SnmpTarget(fixture.Simulator.EndPoint, SnmpVersion.V2c, device) { Timeout = TimeSpan.FromSeconds(3) });
    }

    // global, unique-local, link-local, ignored (::1, multicast), interfaces, routed interfaces, enabled, forwarding, FortiOS-index rows
    public static TheoryData<string, int[], bool, bool?> Readiness() => new()
    {
        // bison: ::1 and one link-local address.
        { "bison", [0, 0, 1, 1, 1, 0, 0], false, null },
        // ciscosb: one global and its link-local (ipv6z, zone 100000); ff02::1 and ff02::1:ffa3:7efb are multicast groups listed as addresses.
        { "ciscosb_c1200-8t-e-2g", [1, 0, 1, 2, 1, 1, 0], true, null },
        // cumulus: ::1 and twelve link-local addresses on twelve interfaces; ipv6IpForwarding = forwarding.
        { "cumulus_bgp", [0, 0, 12, 1, 12, 0, 0], false, true },
        // FortiOS: ten rows in its own index format, four global on four interfaces, six link-local.
        { "fortigate_1500d", [4, 0, 6, 0, 6, 4, 10], true, null },
        { "linux_icecast", [0, 0, 2, 1, 2, 0, 0], false, null },
        // NE40E: five global and fd00:99:99::3 (unique-local), each on its own interface.
        { "vrp_ne", [5, 1, 0, 0, 6, 6, 0], true, null },
    };

    [Theory]
    [MemberData(nameof(Readiness))]
    public async Task AddressesAreCountedByScopeAndInterface(string device, int[] counts, bool enabled, bool? forwarding)
    {
        var ipv6 = await PollAsync(device);
        Assert.Equal(counts, new[] { ipv6.GlobalAddresses, ipv6.UniqueLocalAddresses, ipv6.LinkLocalAddresses, ipv6.IgnoredAddresses,
            ipv6.Interfaces, ipv6.RoutedInterfaces, ipv6.NonStandardIndexRows });
        Assert.Equal(enabled, ipv6.Enabled);
        Assert.Equal(forwarding, ipv6.Forwarding);
        Assert.Equal(forwarding is null ? "" : "ipv6IpForwarding", ipv6.ForwardingSource);
        // INDEX.tsv counts the IPv6 rows of ipAddressTable in each recording.
        Assert.Equal(IndexedIpv6Rows(device), ipv6.Addresses.Count + ipv6.IgnoredAddresses);
        Assert.Equal("ipAddressTable", ipv6.AddressSource);
    }

    [Fact]
    public async Task RecordingsWithoutIpv6AddressesHaveNone()
    {
        foreach (var device in Directory.GetFiles(Path.Combine(SnmpSimulator.Recordings, "normalized"), "*.snmprec").Select(Path.GetFileNameWithoutExtension))
        {
            if (IndexedIpv6Rows(device!) > 0)
                continue;
            var ipv6 = await PollAsync(device!);
            Assert.True(ipv6.Addresses.Count == 0 && ipv6.IgnoredAddresses == 0 && !ipv6.Enabled, device);
            Assert.Equal("", ipv6.AddressSource);
        }
    }

    [Fact]
    public async Task FortiOsAddressesAreDecodedFromItsOwnIndex()
    {
        var ipv6 = await PollAsync("fortigate_1500d");
        // From the recording's 1.3.6.1.2.1.4.34.1.3.2.<8 words>.<ifIndex> rows, decoded by hand.
        Assert.Equal(new[]
        {
            ("2001:610:9c0::1", 107L), ("2001:610:9c0::2", 83L), ("2001:610:f02:172::174", 37L), ("2001:610:f02:6032::34", 38L),
            ("fe80::10:16:0:24", 85L), ("fe80::10:16:0:25", 86L), ("fe80::5b:eff:fe9a:57b0", 85L), ("fe80::5b:eff:fe9a:57b1", 86L),
            ("fe80::209:fff:fe09:22", 37L), ("fe80::209:fff:fe09:23", 38L),
        }.Order(), ipv6.Addresses.Select(a => (a.Address, a.IfIndex)).Order());
    }

    [Theory]
    [InlineData("ciscosb_c1200-8t-e-2g")]
    [InlineData("linux_icecast")]
    [InlineData("vrp_ne")]
    public async Task AddressesEqualLibreNmsIpv6AddressesLessMulticast(string device)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SnmpSimulator.Recordings, "expected", device + ".json")));
        var libre = doc.RootElement.GetProperty("ipv6-addresses").GetProperty("discovery").GetProperty("ipv6_addresses").EnumerateArray()
            .Select(a => (Address: IPAddress.Parse(a.GetProperty("ipv6_compressed").GetString()!), IfIndex: a.GetProperty("ifIndex").GetInt64()))
            .Where(a => !a.Address.IsIPv6Multicast) // LibreNMS keeps ciscosb's multicast groups; they are not the device's addresses
            .Select(a => (a.Address.ToString(), a.IfIndex)).Order().ToList();
        var ipv6 = await PollAsync(device);
        Assert.Equal(libre, ipv6.Addresses.Select(a => (a.Address, a.IfIndex)).Order());
    }

    [Theory]
    [InlineData("bison")]
    [InlineData("cumulus_bgp")]
    [InlineData("fortigate_1500d")]
    [InlineData("linux_icecast")]
    [InlineData("vrp_ne")]
    [InlineData("ciscosb_c1200-8t-e-2g")]
    public async Task DeviceTrafficIsTheIpv6RowOfIpSystemStatsTable(string device)
    {
        var recording = Recording(device);
        var ipv6 = await PollAsync(device);
        if (!recording.TryGetValue("1.3.6.1.2.1.4.31.1.1.6.2", out var hcIn))
        {
            Assert.Null(ipv6.Traffic); // ciscosb keeps IPv6 packet counts but no octets
            return;
        }
        Assert.Equal(new Ipv6Counters(ulong.Parse(hcIn, CultureInfo.InvariantCulture), ulong.Parse(recording["1.3.6.1.2.1.4.31.1.1.33.2"], CultureInfo.InvariantCulture), true, 0), ipv6.Traffic);
    }

    [Fact]
    public async Task InterfaceTrafficIsTheIpv6RowsOfIpIfStatsTable()
    {
        var recording = Recording("cumulus_bgp");
        var ipv6 = await PollAsync("cumulus_bgp");
        var rows = recording.Keys.Where(k => k.StartsWith("1.3.6.1.2.1.4.31.3.1.6.2.", StringComparison.Ordinal)).ToList();
        Assert.Equal(98, rows.Count);
        Assert.Equal(rows.Count, ipv6.InterfaceTraffic!.Count);
        foreach (var ifc in ipv6.InterfaceTraffic)
        {
            Assert.Equal(recording[$"1.3.6.1.2.1.4.31.3.1.6.2.{ifc.IfIndex}"], ifc.InOctets.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(recording[$"1.3.6.1.2.1.4.31.3.1.33.2.{ifc.IfIndex}"], ifc.OutOctets.ToString(CultureInfo.InvariantCulture));
            Assert.True(ifc.HighCapacity);
        }
        Assert.Contains(ipv6.InterfaceTraffic, i => i.InOctets > 0);
        Assert.Empty((await PollAsync("vrp_ne")).InterfaceTraffic!);
    }

    [Fact]
    public async Task OverSnmpV1TheDeviceFallsBackTo32BitCountersAndMissingObjectsAreNoError()
    {
        await using var client = new SnmpClient();
        var v1 = await new Ipv6Poller(client).PollAsync(new SnmpTarget(fixture.Simulator.EndPoint, SnmpVersion.V1, "fortigate_1500d") { Timeout = TimeSpan.FromSeconds(3) });
        var v2 = await PollAsync("fortigate_1500d");
        Assert.Equal(v2.Addresses, v1.Addresses);
        var recording = Recording("fortigate_1500d");
        // v1 has no Counter64: ipSystemStatsInOctets/OutOctets; ipv6IpForwarding is missing (noSuchName in v1).
        Assert.Equal(new Ipv6Counters(ulong.Parse(recording["1.3.6.1.2.1.4.31.1.1.5.2"], CultureInfo.InvariantCulture),
            ulong.Parse(recording["1.3.6.1.2.1.4.31.1.1.32.2"], CultureInfo.InvariantCulture), false, 0), v1.Traffic);
        Assert.Null(v1.Forwarding);
    }

    /// <summary>The has_ipv6_addresses column of INDEX.tsv: "yes (N…" or "no".</summary>
    private static int IndexedIpv6Rows(string device)
    {
        var lines = File.ReadAllLines(Path.Combine(SnmpSimulator.Recordings, "INDEX.tsv"));
        var column = Array.FindIndex(lines[0].Split('\t'), h => h.StartsWith("has_ipv6_addresses", StringComparison.Ordinal));
        var cell = lines.Skip(1).Select(l => l.Split('\t')).Single(r => r[0] == device + ".snmprec")[column];
        return cell.StartsWith("yes (", StringComparison.Ordinal) ? int.Parse(new string(cell[5..].TakeWhile(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The recording's values by OID, read straight from the .snmprec file.</summary>
    private static Dictionary<string, string> Recording(string device) =>
        File.ReadLines(Path.Combine(SnmpSimulator.Recordings, "normalized", device + ".snmprec"))
            .Select(l => l.Split('|', 3)).Where(p => p.Length == 3).ToDictionary(p => p[0], p => p[2]);
}
