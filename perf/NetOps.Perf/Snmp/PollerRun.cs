using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.Snmp;
using NetOps.Snmp.Client;
using NetOps.Store;
using NetOps.Store.Layout;
using NetOps.Store.Reading;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Perf.Snmp;

/// <summary>
/// One poll cycle of every device, timed from the first request until InfluxDB acknowledged every
/// point; <see cref="PollSeconds"/> is until the last device was polled (its points handed to the writer).
/// <see cref="AllocatedBytes"/> and <see cref="Collections"/> (gen 0, 1, 2) are the whole process's during the cycle.
/// </summary>
public sealed record PollCycle(int Answered, double WallSeconds, double PollSeconds, double CpuSeconds, long PointsWritten, DateTimeOffset Started,
    long AllocatedBytes, (int Gen0, int Gen1, int Gen2) Collections);

/// <summary>
/// The appliance's poller as <c>netops up</c> builds it: one <see cref="SnmpClient"/>,
/// <see cref="SnmpPollerSource"/> with the default <c>max_concurrent</c>, the real
/// <see cref="StoreWriter"/> (fsynced spool, default batching) into a database of a real influxd.
/// CPU is this process's: the responder and influxd run in processes of their own. The perf program
/// runs with the appliance's GC settings (workstation, concurrent).
/// </summary>
public sealed class PollerRun : IAsyncDisposable
{
    public const int MaxConcurrent = 64; // the default of collector.snmp.max_concurrent

    private readonly StoreWriter _writer;
    private readonly SnmpClient _client;
    private readonly SnmpPollerSource _poller;

    private PollerRun(StoreWriter writer, SnmpClient client, SnmpPollerSource poller)
    {
        _writer = writer;
        _client = client;
        _poller = poller;
    }

    /// <summary>Answers that came after their request was retried or given up (a sign of an overloaded agent or poller).</summary>
    public long LateAnswers => _client.Unmatched;

    public static async Task<PollerRun> StartAsync(IReadOnlyList<PolledDevice> devices, InfluxQueryClient database, InfluxEndpoint endpoint, string spool,
        CancellationToken cancellationToken)
    {
        await database.QueryAsync($"CREATE DATABASE {InfluxQueryClient.Quote(endpoint.Database)}", cancellationToken: cancellationToken);
        await new StoreLayout(StoreSchema.Current, new Dictionary<string, TimeSpan>(), NullLogger.Instance).EnsureAsync(database, cancellationToken);
        var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "bench-school")] }, [new SinkOptions("bench", endpoint, spool)]);
        writer.Start();
        var client = new SnmpClient();
        var poller = new SnmpPollerSource(devices, TimeSpan.FromSeconds(60), MaxConcurrent, client, writer, StoreSchema.Current, NullLogger<SnmpPollerSource>.Instance);
        return new PollerRun(writer, client, poller);
    }

    public async Task<PollCycle> CycleAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var points = _writer.LinesWritten;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        var answered = await _poller.PollOnceAsync(cancellationToken);
        var polled = clock.Elapsed.TotalSeconds;
        var drained = await _writer.DrainAsync(TimeSpan.FromMinutes(5), cancellationToken);
        if (!drained[0].AllStored)
            throw new InvalidOperationException($"the store writer still holds {drained[0].PendingLines} lines after 5 minutes");
        var wall = clock.Elapsed.TotalSeconds;
        return new PollCycle(answered, wall, polled, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, _writer.LinesWritten - points, started,
            GC.GetTotalAllocatedBytes() - allocated, (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2));
    }

    public async ValueTask DisposeAsync()
    {
        _poller.Dispose();
        await _client.DisposeAsync();
        await _writer.DisposeAsync();
    }
}
