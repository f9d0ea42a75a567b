using System.Text;
using NetOps.Store.Reading;

namespace NetOps.Store.Tests;

[Collection(SharedInfluxCollection.Name)]
public sealed class QueryClientTests(SharedInflux influx)
{
    private async Task<(InfluxQueryClient Client, string Database)> SeedAsync(int points)
    {
        var db = SharedInflux.NewDatabase();
        var client = await influx.Server.CreateDatabaseAsync(db);
        var body = new StringBuilder();
        for (var i = 0; i < points; i++)
            body.Append("if_traffic,device=sw-").Append(i % 2).Append(" in_octets=").Append(i).Append("i,util=").Append(i / 2.0)
                .Append(' ').Append(1_700_000_000_000_000_000L + i * 1_000_000_000L).Append('\n');
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(influx.Server.Url, $"write?db={db}&precision=ns"), new StringContent(body.ToString()));
        response.EnsureSuccessStatusCode();
        return (client, db);
    }

    [Fact]
    public async Task ChunkedAnswersAreMergedIntoOneSeriesInOrder()
    {
        var (client, _) = await SeedAsync(25);
        using (client)
        {
            var result = (await client.QueryAsync("SELECT in_octets FROM if_traffic", chunkSize: 2)).Single();
            var series = Assert.Single(result.Series);
            Assert.Equal(25, series.Rows.Count);
            Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), series.Rows.Select(r => (long)r[1]!));
            Assert.Equal(1_700_000_000_000_000_000L, series.Long(0, "time"));
        }
    }

    [Fact]
    public async Task SeveralStatementsAndGroupedSeriesKeepTheirTags()
    {
        var (client, _) = await SeedAsync(10);
        using (client)
        {
            var results = await client.QueryAsync("SELECT count(in_octets) FROM if_traffic GROUP BY device; SELECT max(util) FROM if_traffic");
            Assert.Equal(2, results.Count);
            var grouped = results[0].Series;
            Assert.Equal(2, grouped.Count);
            Assert.Equal(["sw-0", "sw-1"], grouped.Select(s => s.Tags["device"]));
            Assert.All(grouped, s => Assert.Equal(5L, s.Long(0, "count")));
            Assert.Equal(4.5, results[1].Series[0].Double(0, "max"));
        }
    }

    [Theory]
    [InlineData(Epoch.Seconds, 1_700_000_000L)]
    [InlineData(Epoch.Milliseconds, 1_700_000_000_000L)]
    [InlineData(Epoch.Nanoseconds, 1_700_000_000_000_000_000L)]
    public async Task TimestampsComeInTheAskedEpoch(Epoch epoch, long expected)
    {
        var (client, _) = await SeedAsync(1);
        using (client)
        {
            var series = (await client.QuerySingleAsync("SELECT in_octets FROM if_traffic", epoch)).Series[0];
            Assert.Equal(expected, series.Long(0, "time"));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), series.Time(0, epoch));
        }
    }

    [Fact]
    public async Task ASyntaxErrorCarriesTheServersMessage()
    {
        var (client, _) = await SeedAsync(1);
        using (client)
        {
            var e = await Assert.ThrowsAsync<InfluxQueryException>(() => client.QueryAsync("SELEC nothing"));
            Assert.Contains("error parsing query", e.Message);
            Assert.Equal(400, e.HttpStatus);
        }
    }

    [Fact]
    public async Task AStatementErrorIsRaisedOrReturned()
    {
        var (client, _) = await SeedAsync(1);
        using (client)
        {
            var e = await Assert.ThrowsAsync<InfluxQueryException>(() => client.QueryAsync("SELECT * FROM x", database: "no_such_db"));
            Assert.Contains("database not found", e.Message);
            var results = await client.QueryAsync("SELECT * FROM x", throwOnStatementError: false, database: "no_such_db");
            Assert.Contains("database not found", results[0].Error);
        }
    }
}
