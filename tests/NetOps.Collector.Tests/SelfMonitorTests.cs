using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.SelfMonitor;
using NetOps.Store.Reading;
using NetOps.Store.Schema;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

public sealed class SelfMonitorTests
{
    [Fact]
    public async Task WritesOnlyWhatTheStoreSchemaDeclaresWithTheDeclaredTypes()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("self");
        var schema = StoreSchema.Current;
        // The schema's retention policies must exist for points routed to them.
        var layout = new NetOps.Store.Layout.StoreLayout(schema, new Dictionary<string, TimeSpan>(), NullLogger.Instance);
        await layout.EnsureAsync(client);
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "lab-school")] },
            [new SinkOptions("school", server.Endpoint("self"), spool)]))
        {
            writer.Start();
            var monitor = new SelfMonitorSource(writer, schema, TimeSpan.FromMilliseconds(100), "appliance", NullLogger<SelfMonitorSource>.Instance);
            var sample = monitor.Sample(DateTimeOffset.UtcNow);
            Assert.Equal(2, sample.Count);
            Assert.All(sample, point => Assert.Empty(schema.Violations(point)));

            await monitor.StartAsync(CancellationToken.None);
            await Task.Delay(500);
            await monitor.StopAsync(CancellationToken.None);
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(20)))[0].AllStored);
        }

        // What the server now holds, read back: every measurement, tag and field is declared with its type.
        foreach (var measurement in new[] { "netops_store_sink", "netops_process" })
        {
            var definition = schema.Measurement(measurement);
            var rp = InfluxQueryClient.Quote(definition.RetentionPolicy);
            var fields = await client.QuerySingleAsync($"SHOW FIELD KEYS FROM {rp}.{InfluxQueryClient.Quote(measurement)}");
            var series = Assert.Single(fields.Series);
            Assert.Equal(definition.Fields.Count, series.Rows.Count);
            foreach (var row in series.Rows)
            {
                var declared = definition.Fields.Single(f => f.Name == (string)row[0]!);
                Assert.Equal(declared.Type, (string)row[1]!);
            }
            var tags = await client.QuerySingleAsync($"SHOW TAG KEYS FROM {rp}.{InfluxQueryClient.Quote(measurement)}");
            var tagNames = Assert.Single(tags.Series).Rows.Select(r => (string)r[0]!).ToHashSet();
            var declaredTags = definition.Tags.Select(t => t.Name).Concat(schema.CommonTags.Select(t => t.Name)).ToHashSet();
            Assert.Equal(declaredTags, tagNames);
            var count = await client.QuerySingleAsync($"SELECT count(*) FROM {rp}.{InfluxQueryClient.Quote(measurement)}");
            Assert.True(count.Series[0].Long(0, count.Series[0].Columns[1]) >= 2, measurement);
        }
        TestDirectories.Delete(spool);
    }
}
