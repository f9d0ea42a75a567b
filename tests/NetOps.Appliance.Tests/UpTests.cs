using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NetOps.Store;
using NetOps.Store.Local;
using NetOps.Store.Reading;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary><c>netops up</c> end to end: its own influxd, the store layout, self-monitoring, the console, Ctrl-C.</summary>
public sealed class UpTests
{
    private const int SigInt = 2;

    [Fact]
    public async Task BringsUpStoreCollectorAndConsoleAndStopsEverythingOnCtrlC()
    {
        var work = TestDirectories.Create("up");
        var influxPort = LocalInfluxServer.FreePort();
        var consolePort = LocalInfluxServer.FreePort();
        var trapPort = FreeUdpPort();
        var labPort = FreeUdpPort();
        var labNamespace = $"netops-up-test-{Environment.ProcessId}";
        var config = Path.Combine(work, "netops.yaml");
        File.WriteAllText(config, $"""
            site:
              school: test-school
              name: 测试学校
            store:
              local:
                listen: 127.0.0.1:{influxPort}
                data_dir: var/influxdb
            console:
              listen: http://127.0.0.1:{consolePort}
            collector:
              self_monitor_interval: 1s
              traps:
                listen: 127.0.0.1:{trapPort}
                communities: [school-traps]
              snmp:
                interval: 5s
                lab_listen: 127.0.0.1:{labPort}
              capture:
                stats_interval: 1s
                traffic_interval: 2s
                lab_mbps: 20
                lab_namespace: {labNamespace}
            """);
        using var up = NetOpsCommand.Start(work, "up", "--config", config);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri($"http://127.0.0.1:{consolePort}/api/v1/health");

        JsonElement sink = default;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(up.HasExited, "netops up exited:\n" + up.Output);
            try
            {
                using var response = await http.GetAsync(health);
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                sink = json.GetProperty("store")[0];
                if (response.StatusCode == HttpStatusCode.OK && sink.GetProperty("reachable").GetBoolean() && sink.GetProperty("linesStored").GetInt64() > 0)
                {
                    Assert.Equal("ok", json.GetProperty("status").GetString());
                    Assert.Equal("test-school", json.GetProperty("school").GetString());
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Assert.True(sink.ValueKind == JsonValueKind.Object && sink.GetProperty("reachable").GetBoolean(), "health never reported a reachable store:\n" + up.Output);
        Assert.Equal("school", sink.GetProperty("name").GetString());
        Assert.Equal("netops", sink.GetProperty("database").GetString());
        Assert.Contains($"http://127.0.0.1:{consolePort}/", up.Stdout);

        // The layout from store/schema.yaml, and self-monitoring arriving in it.
        using var client = new InfluxQueryClient(new InfluxEndpoint(new Uri($"http://127.0.0.1:{influxPort}/"), "netops"));
        var policies = await client.QuerySingleAsync("SHOW RETENTION POLICIES ON netops");
        var rows = policies.Series[0].Rows.ToDictionary(r => (string)r[0]!, r => (Duration: (string)r[1]!, Default: (bool)r[4]!));
        Assert.Equal(("720h0m0s", true), rows["raw"]);
        Assert.Equal("9600h0m0s", rows["rollup"].Duration);
        Assert.Equal("9600h0m0s", rows["events"].Duration);
        var processPoints = await client.QuerySingleAsync("SELECT count(cpu_percent) FROM raw.netops_process WHERE school = 'test-school'");
        Assert.True(processPoints.Series.Count == 1 && processPoints.Series[0].Long(0, "count") >= 1, up.Output);

        // A switch reports a link going down: it becomes an event in the store.
        var trap = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("snmptrap",
            ["-v2c", "-c", "school-traps", $"udp:127.0.0.1:{trapPort}", "", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.5", "i", "5"]) { UseShellExecute = false })!;
        await trap.WaitForExitAsync();
        Assert.Equal(0, trap.ExitCode);
        var events = await FirstNonZeroAsync(client, "SELECT count(trap_oid) FROM events.snmp_trap WHERE trap = 'linkDown'", "count", 40);
        Assert.True(events == 1, "the linkDown trap did not reach the store:\n" + up.Output);

        // The built-in lab campus is polled, and its moving counters give rates.
        var rates = await FirstNonZeroAsync(client, "SELECT count(in_bps) FROM raw.if_traffic WHERE device = 'lab-core-1' AND in_bps > 0", "count", 80);
        Assert.True(rates > 0, "no interface rates from the lab:\n" + up.Output);
        var labDevices = await client.QuerySingleAsync("SELECT last(reachable) AS reachable FROM raw.snmp_device GROUP BY device");
        Assert.Equal(["lab-ac-1", "lab-access-1", "lab-access-2", "lab-core-1", "lab-egress-1"], labDevices.Series.Select(s => s.Tags["device"]).Order());
        Assert.All(labDevices.Series, s => Assert.Equal(true, s.Rows[0][s.ColumnIndex("reachable")]));

        // The lab's wireless controller: eight APs, the one in the gym offline, three SSIDs with clients.
        var aps = (await client.QuerySingleAsync("SELECT last(status) AS status, last(clients) AS clients FROM raw.wifi_ap WHERE device = 'lab-ac-1' GROUP BY ap")).Series;
        Assert.Equal(8, aps.Count);
        Assert.Equal(["TYG-1F-AP01"], aps.Where(a => a.String(0, "status") == "offline").Select(a => a.Tags["ap"]));
        Assert.All(aps.Where(a => a.Tags["ap"] != "TYG-1F-AP01"), a => Assert.Equal("online", a.String(0, "status")));
        Assert.True(aps.Sum(a => a.Long(0, "clients")) > 0, up.Output);
        var ssids = (await client.QuerySingleAsync("SELECT last(clients) AS clients FROM raw.wifi_ssid WHERE device = 'lab-ac-1' GROUP BY ssid")).Series;
        Assert.Equal(["Campus-Guest", "Campus-Staff", "Campus-Student"], ssids.Select(x => x.Tags["ssid"]).Order(StringComparer.Ordinal));
        var controller = await client.QuerySingleAsync("SELECT last(ap_count) AS joined, last(aps_online) AS online, last(aps_offline) AS offline FROM raw.wifi_controller WHERE device = 'lab-ac-1' GROUP BY vendor");
        Assert.Equal("huawei", controller.Series.Single().Tags["vendor"]);
        Assert.Equal((7L, 7L, 1L), (controller.Series[0].Long(0, "joined"), controller.Series[0].Long(0, "online"), controller.Series[0].Long(0, "offline")));

        // The live path: the lab's campus mix replayed into a veth pair in the lab's namespace and captured there.
        if (Environment.IsPrivilegedProcess)
        {
            Assert.True(File.Exists("/var/run/netns/" + labNamespace), "no lab namespace:\n" + up.Output);
            Assert.Contains($"lab-capture in network namespace {labNamespace}", up.Stdout);
            var received = await FirstNonZeroAsync(client,
                "SELECT last(packets_received) AS received FROM raw.capture_interface WHERE interface = 'lab-capture' AND state = 'capturing'", "received", 120);
            Assert.True(received > 0, "the lab's traffic was not captured:\n" + up.Output);
            var capture = (await client.QuerySingleAsync("SELECT last(frames_read) AS frames, last(bytes) AS bytes, last(packets_dropped) AS dropped, last(link_type) AS link FROM raw.capture_interface WHERE interface = 'lab-capture'")).Series.Single();
            Assert.True(capture.Long(0, "frames") > 0 && capture.Long(0, "bytes") > capture.Long(0, "frames") * 40, up.Output);
            Assert.Equal(0, capture.Long(0, "dropped"));
            Assert.Equal("LINKTYPE_ETHERNET (1)", capture.String(0, "link"));

            // The pipeline on the live path: traffic intervals with packets, and IPv6 in them (the mix is dual-stack).
            var packets = await FirstNonZeroAsync(client, "SELECT max(packets) AS packets FROM raw.traffic_interval WHERE capture = 'lab-capture'", "packets", 120);
            Assert.True(packets > 0, "no traffic intervals from the live path:\n" + up.Output);
            var ipv6 = (await client.QuerySingleAsync("SELECT max(byte_share_percent) AS share, max(ipv6_hosts) AS hosts FROM raw.traffic_ipv6 WHERE capture = 'lab-capture'")).Series.Single();
            Assert.InRange(ipv6.Double(0, "share"), 1, 99);
            Assert.True(ipv6.Long(0, "hosts") > 0, up.Output);
            var v6Bytes = await FirstNonZeroAsync(client, "SELECT sum(bytes) AS bytes FROM raw.traffic_ip_version WHERE capture = 'lab-capture' AND ip_version = 'ipv6'", "bytes", 4);
            Assert.True(v6Bytes > 0, up.Output);

            // The detectors on the live path: the mix's one XMRig miner becomes a confirmed mining event, kept in the events RP.
            var mining = await FirstNonZeroAsync(client,
                "SELECT count(evidence) AS n FROM events.security_detection WHERE kind = 'mining' AND confidence = 'confirmed'", "n", 240);
            Assert.True(mining > 0, "no confirmed mining event from the live path:\n" + up.Output);

            // The mix's RADIUS accounting, seen on the wire: identity_session events naming users and addresses, source=capture.
            var sessions = await FirstNonZeroAsync(client,
                "SELECT count(session_id) AS n FROM events.identity_session WHERE source = 'capture' AND \"user\" != '' AND ip != ''", "n", 120);
            Assert.True(sessions > 0, "no identity_session event from RADIUS seen on the live path:\n" + up.Output);
            await NetOps.Collector.Tests.StoredFields.AssertDeclaredAsync(client, "events", "identity_session");
        }
        else
        {
            Assert.Contains("Lab traffic is off: it needs root", up.Output);
        }

        var page = await http.GetStringAsync(new Uri($"http://127.0.0.1:{consolePort}/?lang=zh"));
        Assert.Contains("测试学校", page);

        up.Signal(SigInt);
        await up.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(up.ExitCode == 0, up.Output);
        Assert.False(File.Exists(Path.Combine(work, "var", "influxdb", "influxd.pid")), "influxd pid file left behind");
        Assert.True(PortIsFree(influxPort), "influxd still listening after Ctrl-C");
        Assert.False(File.Exists("/var/run/netns/" + labNamespace), "the lab namespace outlived netops up");
        Assert.True(Directory.EnumerateFiles(Path.Combine(work, "var", "log")).Any(), "no log file written");
        TestDirectories.Delete(work);
    }

    [Fact]
    public async Task ConfigCheckNamesTheBadKeyAndItsLine()
    {
        var work = TestDirectories.Create("config");
        var config = Path.Combine(work, "netops.yaml");
        File.WriteAllText(config, "site:\n  school: s1\nstore:\n  retension:\n    raw: 30d\n");
        using var run = await NetOpsCommand.RunAsync(work, TimeSpan.FromSeconds(60), "config", "check", config);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(":4:", run.Stderr);
        Assert.Contains("store.retension", run.Stderr);
        TestDirectories.Delete(work);
    }

    /// <summary>Asks every 250 ms until <paramref name="column"/> of the first row is above 0, at most <paramref name="attempts"/> times; returns the last answer.</summary>
    private static async Task<long> FirstNonZeroAsync(InfluxQueryClient client, string query, string column, int attempts)
    {
        long value = 0;
        for (var i = 0; i < attempts && value == 0; i++)
        {
            await Task.Delay(250);
            var result = await client.QuerySingleAsync(query);
            value = result.Series.Count == 0 ? 0 : result.Series[0].Long(0, column);
        }
        return value;
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
