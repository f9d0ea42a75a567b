using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Store.Layout;
using NetOps.Store.Reading;
using NetOps.Store.Schema;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

/// <summary>The poller over recordings of real devices plus a dead one, into a real InfluxDB.</summary>
public sealed class SnmpPollerSourceTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task PollsEveryDeviceWritesRatesAndReportsTheDeadOneWithoutWaitingOnIt()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("poll");
        await new StoreLayout(StoreSchema.Current, new Dictionary<string, TimeSpan>(), NullLogger.Instance).EnsureAsync(client);
        var spool = TestDirectories.Create("spool");
        var sim = fixture.Simulator.EndPoint;
        var devices = new List<PolledDevice>
        {
            new("core-1", new SnmpTarget(sim, SnmpVersion.V2c, "vrp_5720") { Timeout = TimeSpan.FromSeconds(3) }, "core", "网络中心"),
            new("access-1", new SnmpTarget(sim, SnmpVersion.V2c, "ciscosb_c1200-8t-e-2g") { Timeout = TimeSpan.FromSeconds(3) }, "access", "教学楼 A"),
            new("ac-1", new SnmpTarget(sim, SnmpVersion.V2c, "vrp_ac6605-26") { Timeout = TimeSpan.FromSeconds(3) }, "wireless_controller", "网络中心"),
            // Nobody answers on port 9: the poll must fail by itself, not hold up the others.
            new("gone-1", new SnmpTarget(new IPEndPoint(IPAddress.Loopback, 9), SnmpVersion.V2c, "x") { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 }, "access", "机房"),
        };
        await using var snmp = new SnmpClient();
        await using (var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "lab-school")] },
            [new SinkOptions("school", server.Endpoint("poll"), spool)]))
        {
            writer.Start();
            using var poller = new SnmpPollerSource(devices, TimeSpan.FromMinutes(1), 4, snmp, writer, StoreSchema.Current, NullLogger<SnmpPollerSource>.Instance);
            Assert.Equal(3, await poller.PollOnceAsync());
            await Task.Delay(1100); // the agent's sysUpTime has to move for a rate
            Assert.Equal(3, await poller.PollOnceAsync());
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(30)))[0].AllStored);
        }

        var devicesResult = (await client.QuerySingleAsync("SELECT last(reachable) AS reachable, last(error) AS error FROM raw.snmp_device GROUP BY device")).Series;
        Assert.Equal(4, devicesResult.Count);
        var gone = devicesResult.Single(s => s.Tags["device"] == "gone-1");
        Assert.Equal(false, gone.Rows[0][gone.ColumnIndex("reachable")]);
        Assert.Contains("No answer", gone.String(0, "error"));
        Assert.All(devicesResult.Where(s => s.Tags["device"] != "gone-1"), s => Assert.Equal(true, s.Rows[0][s.ColumnIndex("reachable")]));

        // Two polls of every interface; rates only on the second (recordings do not move: 0 bit/s).
        var interfaces = await client.QuerySingleAsync("SELECT count(speed_bps) AS polls, count(in_bps) AS rates, max(in_bps) AS top FROM raw.if_traffic WHERE device = 'access-1'");
        Assert.Equal(42L, interfaces.Series[0].Long(0, "polls"));
        Assert.Equal(21L, interfaces.Series[0].Long(0, "rates"));
        Assert.Equal(0.0, interfaces.Series[0].Double(0, "top"));

        // The Huawei AC's wireless state (figures checked against LibreNMS in WirelessRecordingTests); only it has one.
        var controllers = (await client.QuerySingleAsync("SELECT count(clients) AS polls, last(ap_count) AS ap_count, last(clients) AS clients, last(aps_online) AS online FROM raw.wifi_controller GROUP BY device, vendor")).Series;
        var ac = Assert.Single(controllers);
        Assert.Equal(("ac-1", "huawei"), (ac.Tags["device"], ac.Tags["vendor"]));
        Assert.Equal((2L, 1L, 7L, 1L), (ac.Long(0, "polls"), ac.Long(0, "ap_count"), ac.Long(0, "clients"), ac.Long(0, "online")));
        var ap = Assert.Single((await client.QuerySingleAsync("SELECT last(status) AS status, last(mac) AS mac FROM raw.wifi_ap GROUP BY device, ap")).Series);
        Assert.Equal(("ac-1", "TestAP-NAME", "online", "50:6f:77:ea:dc:a0"), (ap.Tags["device"], ap.Tags["ap"], ap.String(0, "status"), ap.String(0, "mac")));
        var ssids = (await client.QuerySingleAsync("SELECT last(clients) AS clients FROM raw.wifi_ssid GROUP BY ssid")).Series;
        Assert.Equal([("WIFIOG", 0L), ("WIFIOG-BYOD", 6L), ("WIFIOG-Guest", 1L)], ssids.Select(x => (x.Tags["ssid"], x.Long(0, "clients"))).OrderBy(x => x.Item1, StringComparer.Ordinal));

        foreach (var measurement in new[] { "snmp_device", "if_traffic", "wifi_controller", "wifi_ap", "wifi_ssid" })
            await StoredFields.AssertDeclaredAsync(client, "raw", measurement);

        // The Wi-Fi roll-ups, run over the last minutes as the continuous queries will run them every 5 minutes.
        var layout = new StoreLayout(StoreSchema.Current, new Dictionary<string, TimeSpan>(), NullLogger.Instance);
        foreach (var rollup in new[] { "wifi_controller_5m", "wifi_ap_5m", "wifi_ssid_5m" })
        {
            var select = layout.ContinuousQueries("poll").Single(c => c.Name.StartsWith($"cq_{rollup}_", StringComparison.Ordinal)).Select;
            var groupBy = select.IndexOf(" GROUP BY", StringComparison.Ordinal);
            await client.QueryAsync(select[..groupBy] + " WHERE time > now() - 15m" + select[groupBy..]);
            var definition = StoreSchema.Current.Measurement(rollup);
            var keys = await client.QuerySingleAsync($"SHOW FIELD KEYS FROM rollup.{rollup}");
            Assert.Equal(definition.Fields.Select(f => (f.Name, f.Type)).Order(), keys.Series[0].Rows.Select(r => ((string)r[0]!, (string)r[1]!)).Order());
        }
        var apRollup = Assert.Single((await client.QuerySingleAsync("SELECT max(clients_max) AS clients_max, min(online_ratio) AS online_ratio FROM rollup.wifi_ap_5m GROUP BY ap")).Series);
        Assert.Equal((0L, 1.0), (apRollup.Long(0, "clients_max"), apRollup.Double(0, "online_ratio")));
        var ssidRollup = await client.QuerySingleAsync("SELECT max(clients_max) AS clients_max FROM rollup.wifi_ssid_5m WHERE ssid = 'WIFIOG-BYOD'");
        Assert.Equal(6L, ssidRollup.Series[0].Long(0, "clients_max"));
        var controllerRollup = await client.QuerySingleAsync("SELECT min(aps_online_min) AS online, max(clients_max) AS clients FROM rollup.wifi_controller_5m WHERE device = 'ac-1'");
        Assert.Equal((1L, 7L), (controllerRollup.Series[0].Long(0, "online"), controllerRollup.Series[0].Long(0, "clients")));
        TestDirectories.Delete(spool);
    }
}
