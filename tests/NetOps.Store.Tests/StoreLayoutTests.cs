using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Store.Layout;
using NetOps.Store.Reading;
using NetOps.Store.Schema;

namespace NetOps.Store.Tests;

[Collection(SharedInfluxCollection.Name)]
public sealed class StoreLayoutTests(SharedInflux influx)
{
    private static StoreLayout Layout(int rawDays = 30, int longDays = 400) => new(StoreSchema.Current, new Dictionary<string, TimeSpan>
    {
        ["raw"] = TimeSpan.FromDays(rawDays),
        ["rollup"] = TimeSpan.FromDays(longDays),
        ["events"] = TimeSpan.FromDays(longDays),
    }, NullLogger.Instance);

    private static async Task<Dictionary<string, (string Duration, bool Default)>> PoliciesAsync(InfluxQueryClient client)
    {
        var result = await client.QuerySingleAsync($"SHOW RETENTION POLICIES ON {InfluxQueryClient.Quote(client.Endpoint.Database)}");
        return result.Series[0].Rows.ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, (bool)r[4]!));
    }

    private static async Task<List<string>> ContinuousQueriesAsync(InfluxQueryClient client) =>
        (await client.QuerySingleAsync("SHOW CONTINUOUS QUERIES")).Series
            .Where(s => s.Name == client.Endpoint.Database).SelectMany(s => s.Rows.Select(r => (string)r[0]!)).ToList();

    [Fact]
    public async Task CreatesTheDatabaseRetentionPoliciesAndContinuousQueriesIdempotently()
    {
        using var client = new InfluxQueryClient(influx.Server.Endpoint(SharedInflux.NewDatabase()));
        await Layout().EnsureAsync(client);
        var policies = await PoliciesAsync(client);
        Assert.Equal(("720h0m0s", true), policies["raw"]);
        Assert.Equal(("9600h0m0s", false), policies["rollup"]);
        Assert.Equal(("9600h0m0s", false), policies["events"]);
        var cqs = await ContinuousQueriesAsync(client);
        Assert.Equal(Layout().ContinuousQueries(client.Endpoint.Database).Select(c => c.Name).Order(), cqs.Order());
        Assert.NotEmpty(cqs);

        await Layout().EnsureAsync(client);
        Assert.Equal(cqs.Order(), (await ContinuousQueriesAsync(client)).Order());
    }

    [Fact]
    public async Task AChangedDurationIsApplied()
    {
        using var client = new InfluxQueryClient(influx.Server.Endpoint(SharedInflux.NewDatabase()));
        await Layout().EnsureAsync(client);
        await Layout(rawDays: 7, longDays: 730).EnsureAsync(client);
        var policies = await PoliciesAsync(client);
        Assert.Equal("168h0m0s", policies["raw"].Duration);
        Assert.Equal("17520h0m0s", policies["events"].Duration);
    }

    [Fact]
    public void LessThanTheLegalMinimumIsRefusedNamingTheConfigKey()
    {
        var e = Assert.Throws<ArgumentException>(() => Layout(longDays: 90).DurationFor(StoreSchema.Current.RetentionPolicies.Single(r => r.Name == "events")));
        Assert.Contains("store.retention.events", e.Message);
        Assert.Contains("180d", e.Message);
    }

    [Fact]
    public async Task TheRollupQueryComputesWhatTheSchemaPromises()
    {
        var db = SharedInflux.NewDatabase();
        using var client = new InfluxQueryClient(influx.Server.Endpoint(db));
        await Layout().EnsureAsync(client);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        start = start.AddTicks(-(start.UtcTicks % TimeSpan.FromMinutes(5).Ticks));
        var body = string.Join("\n", Enumerable.Range(0, 5).Select(i =>
            $"netops_process,host=h1,process=appliance,school=s1 cpu_percent={10 * (i + 1)},working_set_bytes={1000 + i}i,gc_heap_bytes=1i,threads=9i,uptime_seconds={i * 60}.0 {Point(start.AddMinutes(i))}"));
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(influx.Server.Url, $"write?db={db}&rp=raw&precision=ns"), new StringContent(body));
        response.EnsureSuccessStatusCode();

        var cq = Layout().ContinuousQueries(db).Single(c => c.Name.StartsWith("cq_netops_process_5m_", StringComparison.Ordinal));
        var groupBy = cq.Select.IndexOf(" GROUP BY", StringComparison.Ordinal);
        var bounded = cq.Select[..groupBy] + $" WHERE time >= {Point(start)} AND time < {Point(start.AddMinutes(5))}" + cq.Select[groupBy..];
        await client.QueryAsync(bounded);

        var rollup = (await client.QuerySingleAsync("SELECT * FROM rollup.netops_process_5m")).Series.Single();
        Assert.Equal(30.0, rollup.Double(0, "cpu_percent_mean"));
        Assert.Equal(50.0, rollup.Double(0, "cpu_percent_max"));
        Assert.Equal(1004L, rollup.Long(0, "working_set_bytes_max"));
        Assert.Equal(240.0, rollup.Double(0, "uptime_seconds_max"));
        Assert.Equal("s1", rollup.String(0, "school"));
        Assert.Equal("appliance", rollup.String(0, "process"));
    }

    private static long Point(DateTimeOffset t) => NetOps.Store.LineProtocol.Point.UnixNanoseconds(t);
}
