using System.Globalization;
using System.Text.Json;
using NetOps.Appliance.Lab.Traffic;
using NetOps.Collector.Tests;
using NetOps.Store.Reading;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary><c>netops analyze</c> as a user runs it: its JSON and what --store writes against tshark on real captures, and files it cannot read.</summary>
public sealed class AnalyzeTests : IDisposable
{
    private static readonly string Pcaps = Path.Combine(TestDirectories.SharedTestData(), "pcap");
    private readonly string _work = TestDirectories.Create("analyze");

    public void Dispose() => TestDirectories.Delete(_work);

    [Theory]
    [InlineData("ndpi/1kxun.pcap")]          // dual-stack LAN, DNS over IPv4 and IPv6
    [InlineData("ndpi/alexa-app.pcapng")]    // pcapng
    [InlineData("ndpi/android.pcap")]
    [InlineData("ndpi/dns_exfiltration.pcap")]
    public async Task TotalsByIpVersionAndDnsQueriesEqualTsharks(string file)
    {
        var path = Path.Combine(Pcaps, file);
        var report = await AnalyzeAsync(path);
        var expected = await TsharkTotalsAsync(path);

        Assert.Equal(expected.Packets, report.GetProperty("packets").GetInt64());
        Assert.Equal(expected.Bytes, report.GetProperty("bytes").GetInt64());
        Assert.Equal((expected.V4Packets, expected.V4Bytes), Counts(report.GetProperty("ipv4")));
        Assert.Equal((expected.V6Packets, expected.V6Bytes), Counts(report.GetProperty("ipv6")));
        Assert.Equal(expected.DnsQueries, report.GetProperty("dns").GetProperty("queries").GetInt64());
        Assert.Equal(expected.AaaaQueries, report.GetProperty("dns").GetProperty("aaaaQueries").GetInt64());

        var only = Assert.Single(report.GetProperty("files").EnumerateArray().ToList());
        Assert.Equal(path, only.GetProperty("path").GetString());
        Assert.Equal(expected.Packets, only.GetProperty("packets").GetInt64());
        Assert.Equal(expected.Bytes, only.GetProperty("bytes").GetInt64());
        Assert.True(report.GetProperty("flows").GetProperty("total").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Array, report.GetProperty("detections").ValueKind);
        Assert.Equal(0, report.GetProperty("malformed").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task SeveralFilesAreOneRunWithPerFileTotals()
    {
        var a = Path.Combine(Pcaps, "ndpi/1kxun.pcap");
        var b = Path.Combine(Pcaps, "ndpi/android.pcap");
        var report = await AnalyzeAsync(a, b);
        var (ta, tb) = (await TsharkTotalsAsync(a), await TsharkTotalsAsync(b));
        Assert.Equal(ta.Packets + tb.Packets, report.GetProperty("packets").GetInt64());
        Assert.Equal(ta.V6Bytes + tb.V6Bytes, report.GetProperty("ipv6").GetProperty("bytes").GetInt64());
        var files = report.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([(ta.Packets, ta.Bytes), (tb.Packets, tb.Bytes)], files.Select(f => (f.GetProperty("packets").GetInt64(), f.GetProperty("bytes").GetInt64())));
        var top = report.GetProperty("topHosts")[0];
        Assert.True(top.GetProperty("bytes").GetInt64() > 0 && top.GetProperty("address").GetString()!.Length > 0);
        Assert.Contains(report.GetProperty("applications").EnumerateArray(), x => x.GetProperty("application").GetString() == "dns");
    }

    [Fact]
    public async Task MalformedPacketsAreCountedByReason()
    {
        // The decoder's differential tests pin this file: 93 packets whose IPv4 total length runs past the frame.
        var report = await AnalyzeAsync(Path.Combine(Pcaps, "ndpi/badpackets.pcap"));
        var malformed = report.GetProperty("malformed");
        Assert.Equal(93, malformed.GetProperty("total").GetInt64());
        Assert.Equal(93, malformed.GetProperty("byReason").GetProperty("IPv4TotalLengthBeyondFrame").GetInt64());
    }

    [Fact]
    public async Task WithStoreTheIntervalsReachARealInfluxdAndAddUpToTheJsonTotals()
    {
        // The lab's campus mix, stamped now: inside the raw retention policy the layout creates.
        var mix = Path.Combine(_work, "mix.pcap");
        using (var file = File.Create(mix))
            CampusMix.Write(file, DateTimeOffset.UtcNow.AddMinutes(-5), TimeSpan.FromSeconds(40), hostCount: 20);
        await using var server = await InfluxTestServer.StartAsync();
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2),
            "analyze", mix, "--json", "--interval", "10", "--store", server.Url.ToString(), "--db", "imported", "--school", "test-school");
        Assert.True(run.ExitCode == 0, run.Output);
        var report = JsonDocument.Parse(run.Stdout).RootElement;

        using var client = new InfluxQueryClient(server.Endpoint("imported"));
        var byVersion = (await client.QuerySingleAsync("SELECT sum(packets) AS packets, sum(bytes) AS bytes FROM raw.traffic_ip_version WHERE capture = 'import' AND school = 'test-school' GROUP BY ip_version")).Series
            .ToDictionary(s => s.Tags["ip_version"], s => (s.Long(0, "packets"), s.Long(0, "bytes")));
        Assert.Equal(Counts(report.GetProperty("ipv4")), byVersion["ipv4"]);
        Assert.Equal(Counts(report.GetProperty("ipv6")), byVersion["ipv6"]);
        Assert.True(byVersion["ipv6"].Item1 > 0);
        var intervals = (await client.QuerySingleAsync("SELECT count(packets) AS n, sum(packets) AS packets FROM raw.traffic_interval")).Series.Single();
        Assert.InRange(intervals.Long(0, "n"), 4, 6); // 40 s of capture time in 10 s intervals aligned to the epoch
        Assert.Equal(report.GetProperty("packets").GetInt64(), intervals.Long(0, "packets"));
        var flows = (await client.QuerySingleAsync("SELECT sum(started) AS started FROM raw.traffic_flows")).Series.Single();
        Assert.Equal(report.GetProperty("flows").GetProperty("total").GetInt64(), flows.Long(0, "started"));
    }

    /// <summary>
    /// With --store, the events of a capture too: every RADIUS Accounting-Request tshark finds becomes an
    /// identity_session row (source=capture) and every detection of the JSON report a security_detection
    /// row. The corpus captures are years old, beyond the events retention policy, so they are moved to
    /// the last hours with editcap first.
    /// </summary>
    [Fact]
    public async Task WithStoreTheRadiusAccountingAndTheDetectionsOfTheCapturesAreStoredAsEvents()
    {
        var now = DateTimeOffset.UtcNow;
        var telnet = await MovedAsync("ndpi/telnet.pcap", now.AddHours(-3)); // a Telnet login: one plaintext_management detection
        var radius = await MovedAsync("arkime/radius.pcap", now.AddHours(-2)); // a real Aruba Accounting-Request (Interim-Update)
        var mix = Path.Combine(_work, "mix.pcap"); // the lab's mix: Start and Interim-Update of every host, and a miner named by them
        using (var file = File.Create(mix))
            CampusMix.Write(file, now.AddMinutes(-30), TimeSpan.FromSeconds(30), hostCount: 12);

        await using var server = await InfluxTestServer.StartAsync();
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2),
            "analyze", telnet, radius, mix, "--json", "--store", server.Url.ToString(), "--db", "imported", "--school", "test-school");
        Assert.True(run.ExitCode == 0, run.Output);
        var report = JsonDocument.Parse(run.Stdout).RootElement;
        using var client = new InfluxQueryClient(server.Endpoint("imported"));

        var expected = new List<string>();
        foreach (var path in new[] { telnet, radius, mix })
            expected.AddRange(await TsharkAccountingAsync(path));
        Assert.True(expected.Count > 12, $"only {expected.Count} Accounting-Requests in the captures");
        var sessions = (await client.QuerySingleAsync("SELECT * FROM events.identity_session WHERE school = 'test-school'")).Series.Single();
        var stored = Enumerable.Range(0, sessions.Rows.Count).Select(i => string.Join('|',
            sessions.Long(i, "time"), sessions.String(i, "source"), sessions.String(i, "status"), sessions.String(i, "nas"), sessions.String(i, "user"),
            sessions.String(i, "ip"), sessions.String(i, "mac"), sessions.String(i, "session_id"))).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.Contains(stored, s => s.Contains("|capture|interim|10.0.0.1|xxxxxxxxx|10.0.0.3|98:5a:eb:89:80:00|", StringComparison.Ordinal));
        await StoredFields.AssertDeclaredAsync(client, "events", "identity_session");

        var detections = report.GetProperty("detections").EnumerateArray().ToList();
        Assert.Contains(detections, d => d.GetProperty("protocol").GetString() == "telnet");
        Assert.Contains(detections, d => d.GetProperty("kind").GetString() == "mining" && d.GetProperty("user").GetString() is { Length: > 0 });
        var events = (await client.QuerySingleAsync("SELECT * FROM events.security_detection WHERE school = 'test-school'")).Series.Single();
        var rows = Enumerable.Range(0, events.Rows.Count).Select(i => Detection(
            events.String(i, "kind"), events.String(i, "confidence"), events.String(i, "protocol"), events.String(i, "client"), events.String(i, "server"),
            events.Long(i, "server_port"), events.String(i, "first_seen"), events.String(i, "user"))).ToHashSet();
        foreach (var d in detections)
        {
            var user = d.TryGetProperty("user", out var u) ? u.GetString() : null;
            Assert.Contains(Detection(d.GetProperty("kind").GetString(), d.GetProperty("confidence").GetString(), d.GetProperty("protocol").GetString(),
                d.GetProperty("client").GetString(), d.GetProperty("server").GetString(), d.GetProperty("serverPort").GetInt64(), d.GetProperty("firstSeen").GetString(), user), rows);
        }
        // A detection whose confidence rose is stored once per confidence; nothing else is stored.
        Assert.InRange(events.Rows.Count, detections.Count, detections.Count * 3);
        await StoredFields.AssertDeclaredAsync(client, "events", "security_detection");
    }

    /// <summary>A detection as one comparable text; first seen to the microsecond (pcap's precision; JSON prints 7 digits, the store 9).</summary>
    private static string Detection(string? kind, string? confidence, string? protocol, string? client, string? server, long serverPort, string? firstSeen, string? user) =>
        string.Join('|', kind, confidence, protocol, client, server, serverPort, firstSeen![..26], user ?? "");

    /// <summary>A corpus capture with its first frame moved to <paramref name="start"/> (whole seconds, so frame times stay exact).</summary>
    private async Task<string> MovedAsync(string file, DateTimeOffset start)
    {
        var source = Path.Combine(Pcaps, file);
        var (code, first, errors) = await Tshark.RunAsync("-r", source, "-c", "1", "-T", "fields", "-e", "frame.time_epoch");
        Assert.True(code == 0, errors);
        var shift = start.ToUnixTimeSeconds() - (long)decimal.Parse(first.Trim(), CultureInfo.InvariantCulture);
        var moved = Path.Combine(_work, Path.GetFileName(file));
        await ExternalTool.RunCheckedAsync("editcap", "-t", shift.ToString(CultureInfo.InvariantCulture), source, moved);
        return moved;
    }

    /// <summary>
    /// Every Accounting-Request as tshark dissects it, as the row the store should hold: time, source,
    /// status, NAS (NAS-IP-Address, else the sender), user, Framed-IP-Address, Calling-Station-Id as a MAC, Acct-Session-Id.
    /// </summary>
    private static async Task<List<string>> TsharkAccountingAsync(string path)
    {
        var (code, output, errors) = await Tshark.RunAsync("-r", path, "-Y", "radius.code == 4", "-T", "fields", "-E", "separator=|", "-e", "frame.time_epoch",
            "-e", "radius.Acct_Status_Type", "-e", "radius.NAS_IP_Address", "-e", "ip.src", "-e", "radius.User_Name", "-e", "radius.Framed-IP-Address",
            "-e", "radius.Calling_Station_Id", "-e", "radius.Acct_Session_Id");
        Assert.True(code == 0, errors);
        var rows = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('|');
            var time = (long)(decimal.Parse(f[0], CultureInfo.InvariantCulture) * 1_000_000_000);
            var status = f[1] switch { "1" => "start", "2" => "stop", "3" => "interim", "7" => "accounting_on", "8" => "accounting_off", _ => "other" };
            var hex = new string(f[6].Where(char.IsAsciiHexDigit).ToArray()).ToLowerInvariant();
            var mac = hex.Length == 12 ? string.Join(':', hex.Chunk(2).Select(c => new string(c))) : "";
            rows.Add(string.Join('|', time, "capture", status, f[2].Length > 0 ? f[2] : f[3], f[4], f[5], mac, f[7]));
        }
        return rows;
    }

    [Fact]
    public async Task WithStoreAndTrafficOnlyTheTrafficIsStoredButNoEvents()
    {
        var radius = await MovedAsync("arkime/radius.pcap", DateTimeOffset.UtcNow.AddHours(-1));
        await using var server = await InfluxTestServer.StartAsync();
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2),
            "analyze", radius, "--traffic-only", "--json", "--store", server.Url.ToString(), "--db", "imported");
        Assert.True(run.ExitCode == 0, run.Output);
        using var client = new InfluxQueryClient(server.Endpoint("imported"));
        // The capture's two packets (the Accounting-Request and its response) are in the traffic; no detector ran, so no identity_session.
        Assert.Equal(2, (await client.QuerySingleAsync("SELECT sum(packets) AS packets FROM raw.traffic_interval")).Series.Single().Long(0, "packets"));
        Assert.Empty((await client.QuerySingleAsync("SELECT * FROM events.identity_session")).Series);
    }

    [Fact]
    public async Task AnUnreadableFileIsNamedAndTheOthersAreStillAnalyzed()
    {
        var notACapture = Path.Combine(_work, "notes.pcap");
        await File.WriteAllTextAsync(notACapture, "this is not a capture file, only text\n");
        var unknownLink = Path.Combine(_work, "usb.pcap");
        await File.WriteAllBytesAsync(unknownLink, PcapHeader(linkType: 189)); // LINKTYPE_USB_LINUX
        var good = Path.Combine(Pcaps, "ndpi/android.pcap");
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "analyze", notACapture, good, unknownLink, Path.Combine(_work, "missing.pcap"), "--json");

        Assert.Equal(1, run.ExitCode);
        var report = JsonDocument.Parse(run.Stdout).RootElement; // stdout stays pure JSON
        Assert.Equal((await TsharkTotalsAsync(good)).Packets, report.GetProperty("packets").GetInt64());
        var files = report.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(4, files.Count);
        Assert.Contains("not a pcap or pcapng file", files[0].GetProperty("error").GetString());
        Assert.False(files[1].TryGetProperty("error", out _));
        Assert.Contains("189", files[2].GetProperty("error").GetString());
        Assert.Contains("missing.pcap", files[3].GetProperty("error").GetString());
        Assert.Contains("not a pcap or pcapng file", run.Stderr);
        Assert.Contains("usb.pcap", run.Stderr);
        Assert.Contains("missing.pcap", run.Stderr);
    }

    private async Task<JsonElement> AnalyzeAsync(params string[] files)
    {
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), ["analyze", .. files, "--json"]);
        Assert.True(run.ExitCode == 0, run.Output);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static (long, long) Counts(JsonElement counts) => (counts.GetProperty("packets").GetInt64(), counts.GetProperty("bytes").GetInt64());

    private sealed record TsharkTotals(long Packets, long Bytes, long V4Packets, long V4Bytes, long V6Packets, long V6Bytes, long DnsQueries, long AaaaQueries);

    /// <summary>
    /// tshark's figures, frame by frame: frame.len, the IP versions of the frame's IP layers (the last
    /// one is what the packet counts as: a tunnelled packet counts as its inner IP), and DNS queries on
    /// port 53 (opcode 0, by the first question's type). Reassembly is off, as in NetOps.
    /// </summary>
    private static async Task<TsharkTotals> TsharkTotalsAsync(string path)
    {
        var (code, output, errors) = await Tshark.RunAsync("-r", path, "-o", "tcp.desegment_tcp_streams:FALSE", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
            "-T", "fields", "-E", "separator=|", "-e", "frame.len", "-e", "ip.version", "-e", "ipv6.version", "-e", "frame.protocols", "-e", "dns.flags.response", "-e", "dns.flags.opcode", "-e", "dns.qry.type", "-e", "udp.port", "-e", "tcp.port");
        Assert.True(code == 0, errors);
        long packets = 0, bytes = 0, v4p = 0, v4b = 0, v6p = 0, v6b = 0, queries = 0, aaaa = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('|');
            var length = long.Parse(f[0], CultureInfo.InvariantCulture);
            packets++;
            bytes += length;
            var layers = f[3].Split(':');
            var last = Array.FindLastIndex(layers, l => l is "ip" or "ipv6");
            if (last >= 0 && layers[last] == "ip")
                (v4p, v4b) = (v4p + 1, v4b + length);
            else if (last >= 0)
                (v6p, v6b) = (v6p + 1, v6b + length);
            var onPort53 = $",{f[7]},{f[8]},".Contains(",53,", StringComparison.Ordinal);
            if (onPort53 && f[4].Split(',')[0] is "0" or "False" && f[5].Split(',')[0] == "0")
            {
                queries++;
                if (f[6].Split(',')[0] == "28")
                    aaaa++;
            }
        }
        return new TsharkTotals(packets, bytes, v4p, v4b, v6p, v6b, queries, aaaa);
    }

    private static byte[] PcapHeader(uint linkType)
    {
        var header = new byte[24];
        BitConverter.TryWriteBytes(header.AsSpan(0), 0xA1B2C3D4u);
        BitConverter.TryWriteBytes(header.AsSpan(4), (ushort)2);
        BitConverter.TryWriteBytes(header.AsSpan(6), (ushort)4);
        BitConverter.TryWriteBytes(header.AsSpan(16), 65535u);
        BitConverter.TryWriteBytes(header.AsSpan(20), linkType);
        return header;
    }
}
