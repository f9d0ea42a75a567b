using System.Net;
using NetOps.Store.LineProtocol;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Store.Tests;

/// <summary>Batching, splitting, refusals, retries and several sinks, against real influxd servers.</summary>
public sealed class WriterBehaviourTests
{
    private static readonly StoreWriterOptions Fast = new()
    {
        RetryInitialDelay = TimeSpan.FromMilliseconds(50),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(10),
        PingInterval = TimeSpan.FromMilliseconds(500),
        DefaultTags = [new("school", "test-school")],
    };

    [Fact]
    public async Task AnOpenBatchIsSentWhenItIsOldEnoughWithoutAnyFlush()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var _ = await server.CreateDatabaseAsync("age");
        var spool = TestDirectories.Create("spool");
        await using var writer = new StoreWriter(Fast with { BatchMaxLines = 1_000_000, FlushInterval = TimeSpan.FromMilliseconds(200) },
            [new SinkOptions("school", server.Endpoint("age"), spool)]);
        writer.Start();
        for (var i = 0; i < 3; i++)
            writer.Write(WriterOutageTests.TestPoint(i, 1_000_000_000));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (writer.Status()[0].LinesStored < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(3, await server.CountAsync("age", "outage_test", "v"));
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task A413SplitsTheBatchUntilTheServerTakesIt()
    {
        // influxd refuses bodies over 16 KiB with 413; batches of 5,000 lines are ~300 KiB uncompressed.
        await using var server = await InfluxTestServer.StartAsync(maxBodyBytes: 16 * 1024);
        using var _ = await server.CreateDatabaseAsync("split");
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(Fast with { Gzip = false }, [new SinkOptions("school", server.Endpoint("split"), spool)]))
        {
            writer.Start();
            for (var i = 0; i < 20_000; i++)
                await writer.WriteAsync(WriterOutageTests.TestPoint(i, 1_000_000_000));
            var drained = await writer.DrainAsync(TimeSpan.FromSeconds(60));
            Assert.True(drained[0].AllStored);
            Assert.Equal(0, writer.Status()[0].LinesDropped);
        }
        Assert.Equal(20_000, await server.CountAsync("split", "outage_test", "v"));
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task APartialWriteIsCountedKeptAndNeverRetried()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var _ = await server.CreateDatabaseAsync("partial");
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(Fast, [new SinkOptions("school", server.Endpoint("partial"), spool)]))
        {
            writer.Start();
            writer.Write(new Point("conflict").Field("v", 1L).TimestampNs(1));
            await writer.DrainAsync(TimeSpan.FromSeconds(10));
            // Same field as a float in the next batch: the server drops that point and stores the others.
            writer.Write(new Point("conflict").Field("v", 2.5).TimestampNs(2));
            writer.Write(new Point("conflict").Field("w", 3L).TimestampNs(3));
            writer.Write(new Point("conflict").Field("w", 4L).TimestampNs(4));
            var drained = await writer.DrainAsync(TimeSpan.FromSeconds(10));
            Assert.True(drained[0].AllStored);
            var status = writer.Status()[0];
            Assert.Equal(1, status.LinesDropped);
            Assert.Equal(3, status.LinesStored);
            Assert.Equal(0, status.Retries);
            Assert.Equal(1, status.BatchesRejected);
            Assert.Equal(SinkStates.Rejecting, status.State);
            Assert.Contains("field type conflict", status.LastError);
        }
        var kept = Directory.GetFiles(Path.Combine(spool, "rejected"), "*.lp");
        Assert.Single(kept);
        Assert.Contains("v=2.5", File.ReadAllText(kept[0]));
        Assert.Equal(2, await server.CountAsync("partial", "conflict", "w"));
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterTheServersRetryAfter()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var _ = await server.CreateDatabaseAsync("busy");
        await using var proxy = await FaultInjectingProxy.StartAsync(server.Url, failures: 2, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(Fast, [new SinkOptions("school", new InfluxEndpoint(proxy.Url, "busy"), spool)]))
        {
            writer.Start();
            for (var i = 0; i < 100; i++)
                writer.Write(WriterOutageTests.TestPoint(i, 1_000_000_000));
            var drained = await writer.DrainAsync(TimeSpan.FromSeconds(30));
            Assert.True(drained[0].AllStored);
            // At least one retry per refusal; a retry more if the client had to reconnect.
            Assert.InRange(writer.Status()[0].Retries, 2, 4);
        }
        var writes = proxy.RequestTimes.ToList();
        Assert.Equal(2, proxy.Failed);
        // The writer's own backoff starts at 50 ms; the gaps show it waited the server's 1 s instead.
        Assert.True(TotalSpan(writes) >= TimeSpan.FromSeconds(1.9), $"requests spanned only {TotalSpan(writes)}");
        Assert.Equal(100, await server.CountAsync("busy", "outage_test", "v"));
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithBackoffUntilStored()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var _ = await server.CreateDatabaseAsync("flaky");
        await using var proxy = await FaultInjectingProxy.StartAsync(server.Url, failures: 4, HttpStatusCode.ServiceUnavailable, retryAfter: null);
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(Fast, [new SinkOptions("school", new InfluxEndpoint(proxy.Url, "flaky"), spool)]))
        {
            writer.Start();
            for (var i = 0; i < 100; i++)
                writer.Write(WriterOutageTests.TestPoint(i, 1_000_000_000));
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(30)))[0].AllStored);
            Assert.InRange(writer.Status()[0].Retries, 4, 6);
        }
        Assert.Equal(100, await server.CountAsync("flaky", "outage_test", "v"));
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task EachSinkHasItsOwnSpoolAndCatchesUpOnItsOwn()
    {
        await using var school = await InfluxTestServer.StartAsync();
        await using var county = await InfluxTestServer.StartAsync();
        using var a = await school.CreateDatabaseAsync("netops");
        using var b = await county.CreateDatabaseAsync("county");
        await county.StopAsync();
        var spoolA = TestDirectories.Create("spool-a");
        var spoolB = TestDirectories.Create("spool-b");
        await using (var writer = new StoreWriter(Fast,
        [
            new SinkOptions("school", school.Endpoint("netops"), spoolA),
            new SinkOptions("county", county.Endpoint("county"), spoolB),
        ]))
        {
            writer.Start();
            for (var i = 0; i < 10_000; i++)
                await writer.WriteAsync(WriterOutageTests.TestPoint(i, 1_000_000_000));
            var first = await writer.DrainAsync(TimeSpan.FromSeconds(5));
            Assert.True(first.Single(d => d.Sink == "school").AllStored);
            Assert.False(first.Single(d => d.Sink == "county").AllStored);
            Assert.Equal(10_000, await school.CountAsync("netops", "outage_test", "v"));

            await county.RestartAsync();
            var second = await writer.DrainAsync(TimeSpan.FromSeconds(30));
            Assert.All(second, d => Assert.True(d.AllStored, d.Sink));
        }
        Assert.Equal(10_000, await county.CountAsync("county", "outage_test", "v"));
        TestDirectories.Delete(spoolA);
        TestDirectories.Delete(spoolB);
    }

    [Fact]
    public async Task AFullSpoolWithDropNewestCountsWhatItDropsAndSaysSo()
    {
        await using var server = await InfluxTestServer.StartAsync();
        await server.StopAsync();
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(Fast with { Gzip = false, BatchMaxLines = 1000 },
            [new SinkOptions("school", server.Endpoint("full"), spool) { SpoolCapacityBytes = 200 * 1024, WhenSpoolFull = SpoolFullPolicy.DropNewest }]))
        {
            writer.Start();
            for (var i = 0; i < 20_000; i++)
                await writer.WriteAsync(WriterOutageTests.TestPoint(i, 1_000_000_000));
            await writer.FlushAsync();
            var status = writer.Status()[0];
            Assert.Equal(SinkStates.SpoolFull, status.State);
            Assert.True(status.LinesDroppedSpoolFull > 0);
            Assert.True(status.SpoolBytes <= 200 * 1024);
            Assert.Equal(20_000, status.LinesAccepted + status.LinesDroppedSpoolFull);
        }
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task AFullSpoolWithBlockMakesWritersWaitAndLosesNothing()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using (await server.CreateDatabaseAsync("block"))
        {
        }
        await server.StopAsync();
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(Fast with { Gzip = false, BatchMaxLines = 1000, SealedQueueCapacity = 1 },
            [new SinkOptions("school", server.Endpoint("block"), spool) { SpoolCapacityBytes = 200 * 1024 }]))
        {
            writer.Start();
            var writing = Task.Run(async () =>
            {
                for (var i = 0; i < 20_000; i++)
                    await writer.WriteAsync(WriterOutageTests.TestPoint(i, 1_000_000_000));
            });
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(writing.IsCompleted, "writers should wait while the spool is full");
            Assert.Equal(SinkStates.SpoolFull, writer.Status()[0].State);

            await server.RestartAsync();
            await writing.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(60)))[0].AllStored);
            Assert.Equal(0, writer.Status()[0].LinesDroppedSpoolFull);
        }
        Assert.Equal(20_000, await server.CountAsync("block", "outage_test", "v"));
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task MemoryStaysBoundedWhileTheServerIsAwayBecauseBatchesGoToDisk()
    {
        await using var server = await InfluxTestServer.StartAsync();
        await server.StopAsync();
        var spool = TestDirectories.Create("spool");
        await using (var writer = new StoreWriter(Fast with { Gzip = false, BatchMaxLines = 5000 },
            [new SinkOptions("school", server.Endpoint("mem"), spool) { SpoolCapacityBytes = 1L << 30 }]))
        {
            writer.Start();
            var padding = new string('x', 200);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long highest = 0;
            for (var i = 0; i < 400_000; i++)
            {
                await writer.WriteAsync(new Point("mem").Tag("s", "s" + (i % 50)).Field("v", (long)i).Field("pad", padding).TimestampNs(1_000_000_000L + i));
                if (i % 50_000 == 0)
                    highest = Math.Max(highest, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
            await writer.FlushAsync();
            highest = Math.Max(highest, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            var spooled = writer.Status()[0].SpoolBytes;
            // ~100 MB went to disk; the writer held at most a few batches of ~1.2 MB each.
            Assert.True(spooled > 90_000_000, $"only {spooled} bytes spooled");
            Assert.True(highest < 32 * 1024 * 1024, $"managed memory grew by {highest / 1048576.0:0.0} MiB");
        }
        TestDirectories.Delete(spool);
    }

    private static TimeSpan TotalSpan(List<DateTime> times) => times.Count < 2 ? TimeSpan.Zero : times.Max() - times.Min();
}
