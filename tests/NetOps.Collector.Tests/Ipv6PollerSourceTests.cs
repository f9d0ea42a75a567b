using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Store.Layout;
using NetOps.Store.Schema;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

/// <summary>
/// The poller writing IPv6 readiness, IPv6 traffic and ENTITY-MIB identity into a real InfluxDB: device
/// recordings (snmpsimd) plus a real snmpd whose IPv6 counters move with traffic the test sends over ::1.
/// </summary>
public sealed class Ipv6PollerSourceTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const int Datagrams = 2000, Payload = 1000;
    private const long PacketBytes = Payload + 8 + 40; // UDP and IPv6 headers

    [Fact]
    public async Task ReadinessTrafficAndIdentityAreStoredAndRolledUpHourly()
    {
        await using var snmpd = await SnmpdProcess.StartAsync("rocommunity netops-ro 127.0.0.1\nrwcommunity netops-rw 127.0.0.1\nsysName netops-v6\n", "netops-ro");
        // snmpd reloads ipSystemStatsTable and ipIfStatsTable every 60 s; its own nsCacheTimeout (NET-SNMP-AGENT-MIB) makes that 1 s.
        foreach (var table in new[] { "1.3.6.1.2.1.4.31.1", "1.3.6.1.2.1.4.31.3" })
        {
            var (code, output) = await NetSnmpTools.RunAsync("snmpset", "-v2c", "-c", "netops-rw", snmpd.Address, "1.3.6.1.4.1.8072.1.5.3.1.2." + table, "i", "1");
            Assert.True(code == 0, output);
        }
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("v6");
        var layout = new StoreLayout(StoreSchema.Current, new Dictionary<string, TimeSpan>(), NullLogger.Instance);
        await layout.EnsureAsync(client);
        var spool = TestDirectories.Create("spool");
        SnmpTarget Recording(string name) => new(fixture.Simulator.EndPoint, SnmpVersion.V2c, name) { Timeout = TimeSpan.FromSeconds(3) };
        var devices = new List<PolledDevice>
        {
            new("host-1", new SnmpTarget(snmpd.EndPoint, SnmpVersion.V2c, "netops-ro") { Timeout = TimeSpan.FromSeconds(3) }, "core", "机房"),
            new("fw-1", Recording("fortigate_1500d"), "firewall", "网络中心"),
            new("core-1", Recording("vrp_ne"), "core", "网络中心"),
            new("dist-1", Recording("cumulus_bgp"), "distribution", "教学楼 A"),
            new("access-1", Recording("ciscosb_c1200-8t-e-2g"), "access", "教学楼 B"),
        };
        var started = DateTimeOffset.UtcNow;
        await using var snmp = new SnmpClient();
        await using (var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "lab-school")] },
            [new SinkOptions("school", server.Endpoint("v6"), spool)]))
        {
            writer.Start();
            using var poller = new SnmpPollerSource(devices, TimeSpan.FromMinutes(1), 4, snmp, writer, StoreSchema.Current, NullLogger<SnmpPollerSource>.Instance);
            Assert.Equal(5, await poller.PollOnceAsync());
            SendOverLoopback();
            await Task.Delay(2000); // past snmpd's 1 s cache, and the agents' sysUpTime moves
            Assert.Equal(5, await poller.PollOnceAsync());
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(30)))[0].AllStored);
        }

        var ready = (await client.QuerySingleAsync(
            "SELECT last(enabled) AS enabled, last(forwarding) AS forwarding, last(global_addresses) AS g, last(routed_interfaces) AS routed, count(in_bps) AS rates FROM raw.ipv6_device GROUP BY device")).Series
            .ToDictionary(s => s.Tags["device"]);
        Assert.Equal(5, ready.Count);
        Assert.Equal((true, 4L, 4L, 1L), (ready["fw-1"].Rows[0][ready["fw-1"].ColumnIndex("enabled")], ready["fw-1"].Long(0, "g"), ready["fw-1"].Long(0, "routed"), ready["fw-1"].Long(0, "rates")));
        Assert.Equal((true, 5L, 6L), (ready["core-1"].Rows[0][ready["core-1"].ColumnIndex("enabled")], ready["core-1"].Long(0, "g"), ready["core-1"].Long(0, "routed")));
        Assert.Equal((false, true), (ready["dist-1"].Rows[0][ready["dist-1"].ColumnIndex("enabled")], ready["dist-1"].Rows[0][ready["dist-1"].ColumnIndex("forwarding")]));
        Assert.Equal(0L, ready["access-1"].Long(0, "rates")); // ciscosb has no IPv6 octet counters

        // The real agent counted what was sent over ::1 (each datagram in and out once, on the loopback).
        var host = (await client.QuerySingleAsync("SELECT sum(in_bytes) AS inb, sum(out_bytes) AS outb, max(in_bps) AS bps FROM raw.ipv6_device WHERE device = 'host-1'")).Series[0];
        const long sent = Datagrams * PacketBytes;
        Assert.InRange(host.Long(0, "inb"), sent, sent * 3 / 2);
        Assert.InRange(host.Long(0, "outb"), sent, sent * 3 / 2);
        Assert.True(host.Double(0, "bps") > 0);

        var ifTraffic = (await client.QuerySingleAsync("SELECT count(in_octets) AS polls, count(in_bps) AS rates FROM raw.ipv6_if_traffic WHERE device = 'dist-1'")).Series[0];
        Assert.Equal((196L, 98L), (ifTraffic.Long(0, "polls"), ifTraffic.Long(0, "rates")));

        var identity = (await client.QuerySingleAsync("SELECT last(vendor) AS vendor, last(model) AS model, last(serial_numbers) AS serials, last(enterprise_number) AS pen FROM raw.snmp_device GROUP BY device")).Series
            .ToDictionary(s => s.Tags["device"]);
        Assert.Equal(("Fortinet", "FGT_1500D", "redacted", 12356L), (identity["fw-1"].String(0, "vendor"), identity["fw-1"].String(0, "model"), identity["fw-1"].String(0, "serials"), identity["fw-1"].Long(0, "pen")));
        Assert.Equal(("Huawei", "2102352DQV10L3000003"), (identity["core-1"].String(0, "vendor"), identity["core-1"].String(0, "serials")));
        Assert.Equal("net-snmp", identity["host-1"].String(0, "vendor"));

        // The hourly roll-up, run as its continuous query would for the hours of this test.
        var cq = layout.ContinuousQueries("v6").Single(c => c.Name.StartsWith("cq_ipv6_device_1h_", StringComparison.Ordinal));
        var groupBy = cq.Select.IndexOf(" GROUP BY", StringComparison.Ordinal);
        var from = started.AddHours(-1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var to = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await client.QuerySingleAsync(cq.Select[..groupBy] + $" WHERE time >= {from}ms AND time < {to}ms" + cq.Select[groupBy..]);
        var year = (await client.QuerySingleAsync(
            "SELECT last(enabled) AS enabled, last(forwarding) AS forwarding, sum(polls) AS polls, sum(in_bytes) AS inb FROM rollup.ipv6_device_1h WHERE time > now() - 365d GROUP BY device")).Series
            .ToDictionary(s => s.Tags["device"]);
        Assert.Equal(5, year.Count);
        Assert.Equal(host.Long(0, "inb"), year["host-1"].Long(0, "inb"));
        Assert.Equal((true, 2L), (year["fw-1"].Rows[0][year["fw-1"].ColumnIndex("enabled")], year["fw-1"].Long(0, "polls")));
        Assert.Equal(true, year["dist-1"].Rows[0][year["dist-1"].ColumnIndex("forwarding")]);

        foreach (var (rp, measurement) in new[] { ("raw", "ipv6_device"), ("raw", "ipv6_if_traffic"), ("raw", "snmp_device"), ("rollup", "ipv6_device_1h") })
            await StoredFields.AssertDeclaredAsync(client, rp, measurement);
        TestDirectories.Delete(spool);
    }

    /// <summary>IPv6 datagrams to a socket of our own on ::1 (loopback only, never read).</summary>
    private static void SendOverLoopback()
    {
        using var sink = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        var payload = new byte[Payload];
        for (var i = 0; i < Datagrams; i++)
            sender.SendTo(payload, sink.LocalEndPoint!);
    }
}
