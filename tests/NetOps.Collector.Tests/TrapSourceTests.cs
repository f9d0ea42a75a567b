using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.Traps;
using NetOps.Snmp.Traps;
using NetOps.Snmp.Usm;
using NetOps.Store.Layout;
using NetOps.Store.Reading;
using NetOps.Store.Schema;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

/// <summary>Notifications sent with net-snmp's tools end up as events in a real InfluxDB.</summary>
public sealed class TrapSourceTests
{
    [Fact]
    public async Task AV2cTrapAndAV3InformArriveAsEventsInTheStore()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("traps");
        await new StoreLayout(StoreSchema.Current, new Dictionary<string, TimeSpan>(), NullLogger.Instance).EnsureAsync(client);
        var spool = TestDirectories.Create("spool");
        var user = new UsmUser("noc", AuthProtocol.SHA512, "noc-auth-secret", PrivProtocol.AES256, "noc-priv-secret");
        await using var listener = new TrapListener(new IPEndPoint(IPAddress.Loopback, 0), new TrapListenerOptions { Communities = ["campus-traps"], Users = [user] });
        await using (var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "lab-school")] },
            [new SinkOptions("school", server.Endpoint("traps"), spool)]))
        {
            writer.Start();
            var source = new TrapSource(listener, writer, StoreSchema.Current, NullLogger<TrapSource>.Instance);
            await source.StartAsync(CancellationToken.None);
            var address = $"udp:127.0.0.1:{listener.EndPoint.Port}";

            Assert.Equal(0, (await NetSnmpTools.RunAsync("snmptrap", "-v2c", "-c", "campus-traps", address, "360000", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.7", "i", "7", "1.3.6.1.2.1.2.2.1.7.7", "i", "1", "1.3.6.1.2.1.2.2.1.8.7", "i", "2")).ExitCode);
            Assert.Equal(0, (await NetSnmpTools.RunAsync("snmpinform", "-v3", "-l", "authPriv", "-u", "noc", "-a", "SHA-512", "-A", "noc-auth-secret",
                "-x", "AES-256", "-X", "noc-priv-secret", "-t", "2", "-r", "1", address, "", "1.3.6.1.6.3.1.1.5.1")).ExitCode);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (source.Written < 2 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            await source.StopAsync(CancellationToken.None);
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(20)))[0].AllStored);
        }

        var result = await client.QuerySingleAsync("SELECT * FROM events.snmp_trap");
        var series = Assert.Single(result.Series);
        Assert.Equal(2, series.Rows.Count);
        var linkDown = series.Rows.Single(r => (string?)r[series.ColumnIndex("trap")] == "linkDown");
        Assert.Equal("127.0.0.1", linkDown[series.ColumnIndex("device")]);
        Assert.Equal("v2c", linkDown[series.ColumnIndex("version")]);
        Assert.Equal(7L, linkDown[series.ColumnIndex("if_index")]);
        Assert.Equal(2L, linkDown[series.ColumnIndex("if_oper_status")]);
        Assert.Equal(3600.0, Convert.ToDouble(linkDown[series.ColumnIndex("uptime_seconds")], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("lab-school", linkDown[series.ColumnIndex("school")]);
        var cold = series.Rows.Single(r => (string?)r[series.ColumnIndex("trap")] == "coldStart");
        Assert.Equal(("v3", "inform", "noc"), ((string?)cold[series.ColumnIndex("version")], (string?)cold[series.ColumnIndex("kind")], (string?)cold[series.ColumnIndex("user")]));
        // Nothing of the secrets reaches the store.
        var all = string.Join("|", series.Rows.SelectMany(r => r).Select(v => v?.ToString()));
        Assert.DoesNotContain("campus-traps", all);
        Assert.DoesNotContain("secret", all);
        TestDirectories.Delete(spool);
    }
}
