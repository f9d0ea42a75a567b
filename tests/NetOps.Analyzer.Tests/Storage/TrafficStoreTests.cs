using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Storage;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Traffic;
using NetOps.Capture.Files;
using NetOps.Store.Layout;
using NetOps.Store.LineProtocol;
using NetOps.Store.Reading;
using NetOps.Store.Schema;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Storage;

/// <summary>
/// Real captures (ndpi/gnutella.pcap: 600 s, IPv4 and IPv6; then ndpi/fuzz-2006-06-26-2594.pcap: 1,567 s
/// with malformed frames) analyzed as one run, its intervals written to a real InfluxDB through the store
/// writer, read back, and rolled up hourly by the schema's continuous queries. The captures' clocks are
/// moved to two hours ago, one after the other, so the points fall inside the raw retention policy and one hour.
/// </summary>
public sealed class TrafficStoreTests
{
    private static readonly string[] Files = ["ndpi/gnutella.pcap", "ndpi/fuzz-2006-06-26-2594.pcap"];
    private const long Second = 1_000_000_000;

    [Fact]
    public async Task Intervals_are_stored_as_declared_read_back_equal_and_rolled_up_hourly()
    {
        var policy = ApplicationPorts.Load(Path.Combine(TestDirectories.RepositoryRoot(), "rules", "applications", "ports.yaml"));
        var pipeline = new AnalysisPipeline(new AnalysisOptions { Applications = policy });
        var intervals = new List<TrafficInterval>();
        pipeline.IntervalClosed += intervals.Add;
        var hour = 3600 * Second;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var shiftedStart = now - now % hour - 2 * hour; // two whole hours back: one rollup hour holds the run
        var next = shiftedStart;
        foreach (var file in Files)
        {
            using var reader = CaptureFile.Open(CaptureCorpus.PathOf(file));
            pipeline.BeginSource(file);
            long? shift = null;
            while (reader.TryReadNext(out var header, out var frame))
            {
                shift ??= next - header.TimestampNanos;
                var time = header.TimestampNanos + shift.Value;
                pipeline.Process(header with { TimestampNanos = time }, frame);
                next = Math.Max(next, time + Second);
            }
        }
        var result = pipeline.Complete();
        Assert.InRange(intervals.Count, 36, 38);
        Assert.True(next < shiftedStart + hour);

        var schema = StoreSchema.Current;
        var converter = new TrafficPoints(schema, "import");
        var points = intervals.SelectMany(i => converter.Of(i, result.FlowCapacity)).ToList();
        Assert.All(points, p => Assert.Empty(schema.Violations(p.Tag("school", "lab-school"))));
        Assert.Equal(TrafficPoints.Measurements.Order(), points.Select(p => p.Measurement).Distinct().Order());

        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("traffic");
        var layout = new StoreLayout(schema, new Dictionary<string, TimeSpan>(), NullLogger.Instance);
        await layout.EnsureAsync(client);
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "lab-school")] },
            [new SinkOptions("school", server.Endpoint("traffic"), spool)]))
        {
            writer.Start();
            foreach (var point in points)
                writer.Write(point);
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(30)))[0].AllStored);
        }

        var total = result.Total.Traffic;
        var byVersion = (await client.QuerySingleAsync("SELECT sum(packets) AS packets, sum(bytes) AS bytes, count(bps) AS n FROM raw.traffic_ip_version GROUP BY ip_version")).Series
            .ToDictionary(s => s.Tags["ip_version"]);
        Assert.Equal((total.Ipv4.Packets, total.Ipv4.Bytes, (long)intervals.Count), (byVersion["ipv4"].Long(0, "packets"), byVersion["ipv4"].Long(0, "bytes"), byVersion["ipv4"].Long(0, "n")));
        Assert.Equal((total.Ipv6.Packets, total.Ipv6.Bytes), (byVersion["ipv6"].Long(0, "packets"), byVersion["ipv6"].Long(0, "bytes")));
        Assert.True(total.Ipv6.Packets > 0);
        var whole = (await client.QuerySingleAsync("SELECT sum(packets) AS packets, sum(bytes) AS bytes, sum(capture_drops) AS drops FROM raw.traffic_interval")).Series[0];
        Assert.Equal((total.Total.Packets, total.Total.Bytes, 0L), (whole.Long(0, "packets"), whole.Long(0, "bytes"), whole.Long(0, "drops")));
        var flows = (await client.QuerySingleAsync("SELECT sum(started) AS started, last(capacity) AS capacity FROM raw.traffic_flows")).Series[0];
        Assert.Equal((result.Total.Flows.Started, (long)result.FlowCapacity), (flows.Long(0, "started"), flows.Long(0, "capacity")));
        var applications = (await client.QuerySingleAsync("SELECT sum(bytes) AS bytes FROM raw.traffic_application GROUP BY application")).Series
            .ToDictionary(s => s.Tags["application"], s => s.Long(0, "bytes"));
        var expectedApplications = result.Total.Applications.GroupBy(a => a.Application).ToDictionary(g => g.Key, g => g.Sum(a => a.Bytes));
        Assert.Equal(expectedApplications.OrderBy(p => p.Key), applications.OrderBy(p => p.Key));
        var top = (await client.QuerySingleAsync("SELECT bytes_sent, bytes_received, rank FROM raw.traffic_host WHERE rank = 1 ORDER BY time ASC LIMIT 1")).Series[0];
        var firstTop = intervals[0].TopHosts[0];
        Assert.Equal((firstTop.BytesSent, firstTop.BytesReceived), (top.Long(0, "bytes_sent"), top.Long(0, "bytes_received")));
        var v6 = (await client.QuerySingleAsync("SELECT max(ipv6_hosts) AS hosts FROM raw.traffic_ipv6")).Series[0];
        Assert.Equal(intervals.Max(i => i.Ipv6Hosts), v6.Long(0, "hosts"));

        // The hourly roll-ups, run as their continuous queries would for the hours of this test.
        var from = (shiftedStart / 1_000_000 - 3_600_000).ToString(CultureInfo.InvariantCulture);
        var to = (now / 1_000_000 + 3_600_000).ToString(CultureInfo.InvariantCulture);
        foreach (var cq in layout.ContinuousQueries("traffic").Where(c => c.Name.StartsWith("cq_traffic_", StringComparison.Ordinal)))
        {
            var groupBy = cq.Select.IndexOf(" GROUP BY", StringComparison.Ordinal);
            await client.QuerySingleAsync(cq.Select[..groupBy] + $" WHERE time >= {from}ms AND time < {to}ms" + cq.Select[groupBy..]);
        }
        var year = (await client.QuerySingleAsync("SELECT sum(bytes) AS bytes FROM rollup.traffic_ip_version_1h WHERE time > now() - 365d GROUP BY ip_version")).Series
            .ToDictionary(s => s.Tags["ip_version"], s => s.Long(0, "bytes"));
        Assert.Equal((total.Ipv4.Bytes, total.Ipv6.Bytes, total.NonIp.Bytes), (year["ipv4"], year["ipv6"], year["non_ip"]));
        var hourly = (await client.QuerySingleAsync("SELECT bytes, bps_max FROM rollup.traffic_interval_1h WHERE time > now() - 365d")).Series[0];
        Assert.Equal(total.Total.Bytes, hourly.Long(0, "bytes"));
        Assert.Equal(shiftedStart, hourly.Time(0, Epoch.Nanoseconds).ToUnixTimeMilliseconds() * 1_000_000);
        Assert.Equal(intervals.Max(i => i.Traffic.Total.Bytes * 8 / ((i.EndNanos - i.StartNanos) / 1e9)), hourly.Double(0, "bps_max"), 6);
        var appHour = (await client.QuerySingleAsync("SELECT sum(bytes) AS bytes FROM rollup.traffic_application_1h WHERE time > now() - 365d")).Series[0];
        Assert.Equal(expectedApplications.Values.Sum(), appHour.Long(0, "bytes"));
        Assert.NotEmpty((await client.QuerySingleAsync("SELECT * FROM rollup.traffic_ipv6_1h")).Series);

        foreach (var measurement in TrafficPoints.Measurements)
            await AssertStoredAsDeclaredAsync(client, "raw", measurement, points.Any(p => p.Measurement == measurement));
        TestDirectories.Delete(spool);
    }

    private static async Task AssertStoredAsDeclaredAsync(InfluxQueryClient client, string retentionPolicy, string measurement, bool written)
    {
        var definition = StoreSchema.Current.Measurement(measurement);
        var keys = await client.QuerySingleAsync($"SHOW FIELD KEYS FROM {retentionPolicy}.{measurement}");
        Assert.Equal(written, keys.Series.Count > 0);
        foreach (var row in keys.Series.SelectMany(s => s.Rows))
            Assert.Equal(definition.Fields.Single(f => f.Name == (string)row[0]!).Type, (string)row[1]!);
    }
}
