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

        foreach (var measurement in new[] { "snmp_device", "if_traffic" })
            await StoredFields.AssertDeclaredAsync(client, "raw", measurement);
        TestDirectories.Delete(spool);
    }
}
