using NetOps.Store.LineProtocol;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Store.Tests;

/// <summary>The writer loses nothing while its server is away, and writes nothing twice.</summary>
public sealed class WriterOutageTests
{
    private const int Total = 200_000;

    [Fact]
    public async Task TwoHundredThousandPointsSurviveA30SecondServerOutageExactlyOnce()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("outage");
        var spool = TestDirectories.Create("spool");
        try
        {
            await using (var writer = NewWriter(server, "outage", spool))
            {
                writer.Start();
                var baseNs = Point.UnixNanoseconds(DateTimeOffset.UtcNow.AddHours(-1));
                for (var i = 0; i < Total / 2; i++)
                    await writer.WriteAsync(TestPoint(i, baseNs));

                // influxd goes away mid-way; the other half is written while it is down.
                await server.StopAsync();
                var outage = DateTime.UtcNow;
                for (var i = Total / 2; i < Total; i++)
                    await writer.WriteAsync(TestPoint(i, baseNs));
                await writer.FlushAsync();
                var during = writer.Status()[0];
                Assert.False(during.Reachable);
                Assert.True(during.SpoolBatches > 0, "batches should be waiting in the spool during the outage");
                Assert.Contains(during.State, new[] { SinkStates.Spooling, SinkStates.Retrying });

                var remaining = TimeSpan.FromSeconds(30) - (DateTime.UtcNow - outage);
                if (remaining > TimeSpan.Zero)
                    await Task.Delay(remaining);
                await server.RestartAsync();

                var drained = await writer.DrainAsync(TimeSpan.FromSeconds(90));
                Assert.True(drained[0].AllStored, $"{drained[0].PendingLines} lines still spooled");
                var status = writer.Status()[0];
                Assert.Equal(Total, status.LinesStored);
                Assert.Equal(0, status.LinesDropped);
                Assert.True(status.Retries > 0);
            }
            Assert.Equal(Total, await server.CountAsync("outage", "outage_test", "v"));
        }
        finally
        {
            TestDirectories.Delete(spool);
        }
    }

    [Fact]
    public async Task SpooledBatchesFromAStoppedWriterAreSentByTheNextOne()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("restart");
        var spool = TestDirectories.Create("spool");
        try
        {
            var baseNs = Point.UnixNanoseconds(DateTimeOffset.UtcNow.AddHours(-1));
            await server.StopAsync();
            await using (var first = NewWriter(server, "restart", spool))
            {
                first.Start();
                for (var i = 0; i < 30_000; i++)
                    await first.WriteAsync(TestPoint(i, baseNs));
                // Disposing flushes open batches into the spool; nothing could be sent.
            }
            await server.RestartAsync();
            await using (var second = NewWriter(server, "restart", spool))
            {
                var recovered = second.Start();
                Assert.Equal(30_000, recovered["school"].Lines);
                var drained = await second.DrainAsync(TimeSpan.FromSeconds(60));
                Assert.True(drained[0].AllStored);
            }
            Assert.Equal(30_000, await server.CountAsync("restart", "outage_test", "v"));
        }
        finally
        {
            TestDirectories.Delete(spool);
        }
    }

    internal static StoreWriter NewWriter(InfluxTestServer server, string database, string spool, StoreWriterOptions? options = null) =>
        new(options ?? new StoreWriterOptions
            {
                RetryInitialDelay = TimeSpan.FromMilliseconds(100),
                RetryMaxDelay = TimeSpan.FromSeconds(2),
                RequestTimeout = TimeSpan.FromSeconds(10),
                PingInterval = TimeSpan.FromSeconds(1),
                DefaultTags = [new("school", "test-school")],
            },
            [new SinkOptions("school", server.Endpoint(database), spool)]);

    internal static Point TestPoint(int i, long baseNs) =>
        new Point("outage_test")
            .Tag("series", "s" + (i % 100))
            .Field("v", (long)i)
            .TimestampNs(baseNs + i * 1000L);
}
