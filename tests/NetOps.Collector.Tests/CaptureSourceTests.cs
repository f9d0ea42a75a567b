using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Capture.Files;
using NetOps.Capture.Live;
using NetOps.Collector.Capture;
using NetOps.Store.Layout;
using NetOps.Store.Reading;
using NetOps.Store.Schema;
using NetOps.Store.Writing;
using NetOps.Testing;
using Xunit.Abstractions;

namespace NetOps.Collector.Tests;

/// <summary>
/// The capture source on a veth pair in a network namespace the test creates, fed by tcpreplay
/// from the corpus, its counters written to a real InfluxDB.
/// </summary>
public sealed class CaptureSourceTests(ITestOutputHelper output)
{
    private static readonly string Replayed = Path.Combine(TestDirectories.SharedTestData(), "pcap", "ndpi", "1kxun.pcap");

    [NeedsRootFact]
    public async Task EveryFrameReachesTheConsumerOnOneThreadAndTheCountersReachTheStore()
    {
        var (frames, bytes) = FileTotals(Replayed);
        using var space = await TestNetworkNamespace.CreateAsync();
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("capture");
        var schema = StoreSchema.Current;
        await new StoreLayout(schema, new Dictionary<string, TimeSpan>(), NullLogger.Instance).EnsureAsync(client);
        var spool = TestDirectories.Create("spool");
        var consumer = new RecordingConsumer(throwOnFrame: 10);
        await using (var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "lab-school")] },
            [new SinkOptions("school", server.Endpoint("capture"), spool)]))
        {
            writer.Start();
            var options = new LiveCaptureOptions { Interface = space.CaptureInterface, NetworkNamespace = space.Name };
            using var source = new CaptureSource(() => LiveCapture.Open(options), consumer,
                new CaptureSourceOptions { Interface = space.CaptureInterface, StatsInterval = TimeSpan.FromSeconds(1) },
                writer, schema, NullLogger<CaptureSource>.Instance);
            await source.StartAsync(CancellationToken.None);
            await WaitForAsync(() => source.State == "capturing", "the capture to open");

            var report = await space.ReplayAsync(Replayed);
            Assert.Equal(frames, report.Sent);
            await WaitForAsync(() => consumer.Frames == frames, $"{frames} frames (seen {consumer.Frames})");
            await Task.Delay(1500); // at least one point while capturing
            var sample = source.Sample(DateTimeOffset.UtcNow);
            output.WriteLine(sample.ToString());
            Assert.Empty(schema.Violations(sample));
            await source.StopAsync(CancellationToken.None);
            Assert.Equal("stopped", source.State);
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(20)))[0].AllStored);
        }

        Assert.Equal(bytes, consumer.Bytes);
        Assert.Equal(1, consumer.Ends);
        var thread = Assert.Single(consumer.Threads); // frames, idle ticks and the end: one capture thread
        Assert.NotEqual(Environment.CurrentManagedThreadId, thread);

        var result = await client.QuerySingleAsync("SELECT * FROM raw.capture_interface ORDER BY time DESC");
        var series = Assert.Single(result.Series);
        Assert.True(series.Rows.Count >= 2);
        Assert.Equal("stopped", series.String(0, "state"));
        Assert.Equal(frames, series.Long(0, "packets_received"));
        Assert.Equal(0, series.Long(0, "packets_dropped"));
        Assert.Equal(frames, series.Long(0, "frames_read"));
        Assert.Equal(bytes, series.Long(0, "bytes"));
        Assert.Equal(bytes, series.Long(0, "captured_bytes"));
        Assert.Equal(0, series.Long(0, "frames_truncated"));
        Assert.Equal(1, series.Long(0, "consumer_errors"));
        Assert.Equal(0, series.Long(0, "failures"));
        Assert.Equal("", series.String(0, "error"));
        Assert.Equal("LINKTYPE_ETHERNET (1)", series.String(0, "link_type"));
        Assert.Equal(space.CaptureInterface, series.String(0, "interface"));
        Assert.Equal("lab-school", series.String(0, "school"));
        Assert.Contains(Enumerable.Range(0, series.Rows.Count), i => series.String(i, "state") == "capturing");
        var fields = Assert.Single((await client.QuerySingleAsync("SHOW FIELD KEYS FROM raw.capture_interface")).Series);
        Assert.Equal(schema.Measurement("capture_interface").Fields.Count, fields.Rows.Count);
        TestDirectories.Delete(spool);
    }

    [NeedsRootFact]
    public async Task AnInterfaceThatIsMissingOrVanishesIsReopenedAndTheCountersCarryOn()
    {
        var (frames, _) = FileTotals(Replayed);
        using var space = await TestNetworkNamespace.CreateAsync();
        await using var server = await InfluxTestServer.StartAsync();
        var spool = TestDirectories.Create("spool");
        var consumer = new RecordingConsumer();
        await using (var writer = new StoreWriter(new StoreWriterOptions(), [new SinkOptions("school", server.Endpoint("capture"), spool)]))
        {
            writer.Start();
            var options = new LiveCaptureOptions { Interface = "late0", NetworkNamespace = space.Name };
            using var source = new CaptureSource(() => LiveCapture.Open(options), consumer,
                new CaptureSourceOptions { Interface = "late0", StatsInterval = TimeSpan.FromSeconds(1), ReopenDelay = TimeSpan.FromMilliseconds(200) },
                writer, StoreSchema.Current, NullLogger<CaptureSource>.Instance);
            await source.StartAsync(CancellationToken.None);

            await WaitForAsync(() => source.Failures >= 2, "two failed opens");
            Assert.Equal("down", source.State);
            Assert.StartsWith($"no such device 'late0' in network namespace '{space.Name}'", source.Error, StringComparison.Ordinal);

            await space.AddVethPairAsync("late0", "late1");
            await WaitForAsync(() => source.State == "capturing", "the capture to open once the interface exists");
            await space.ReplayAsync(Replayed, into: "late1");
            await WaitForAsync(() => consumer.Frames == frames, $"{frames} frames");

            var failuresBefore = source.Failures;
            await space.DeleteLinkAsync("late0");
            await WaitForAsync(() => source.State == "down" && source.Failures > failuresBefore, "the capture to fail when its interface goes");
            var error = source.Error;
            Assert.True(error.StartsWith("capture on late0 failed", StringComparison.Ordinal) || error.StartsWith("no such device", StringComparison.Ordinal), error);

            await space.AddVethPairAsync("late0", "late1");
            await WaitForAsync(() => source.State == "capturing", "the capture to reopen");
            await space.ReplayAsync(Replayed, into: "late1");
            await WaitForAsync(() => consumer.Frames == 2 * frames, $"{2 * frames} frames");
            await Task.Delay(300);
            var counters = source.Counters();
            Assert.Equal((2 * frames, 2 * frames, 0L), (counters.PacketsReceived, counters.FramesRead, counters.PacketsDropped));
            await source.StopAsync(CancellationToken.None);
        }
        Assert.Equal(1, consumer.Ends);
        Assert.Single(consumer.Threads);
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task AStoreThatRefusesWritesDoesNotKeepTheCaptureThreadRunning()
    {
        var spool = TestDirectories.Create("spool");
        var consumer = new RecordingConsumer();
        await using (var writer = new StoreWriter(new StoreWriterOptions(), [new SinkOptions("school", new NetOps.Store.InfluxEndpoint(new Uri("http://127.0.0.1:9"), "none"), spool)]))
        {
            // Never started: every write throws.
            using var source = new CaptureSource(() => throw new LiveCaptureException("no such device 'eth9'"), consumer,
                new CaptureSourceOptions { Interface = "eth9", StatsInterval = TimeSpan.FromMilliseconds(50), ReopenDelay = TimeSpan.FromMilliseconds(50) },
                writer, StoreSchema.Current, NullLogger<CaptureSource>.Instance);
            await source.StartAsync(CancellationToken.None);
            await WaitForAsync(() => source.Failures >= 2, "two failed opens");
            await Task.Delay(200);
            await source.StopAsync(CancellationToken.None);
            Assert.Equal("stopped", source.State);
            Assert.Equal("no such device 'eth9'", source.Error);
        }
        Assert.Equal(1, consumer.Ends);
        TestDirectories.Delete(spool);
    }

    private static (long Frames, long Bytes) FileTotals(string path)
    {
        using var reader = CaptureFile.Open(path);
        while (reader.TryReadNext(out _, out _))
        {
        }
        return (reader.Statistics.Frames, reader.Statistics.Bytes);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
