using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Collector.SelfMonitor;

/// <summary>
/// The appliance watching itself: every interval, one <c>netops_store_sink</c> point per store
/// destination (reachability, spool backlog, lines stored and dropped) and one <c>netops_process</c>
/// point (CPU, memory, threads), written through the same writer as every other metric — so a
/// store outage shows up in the store itself once it is back, from the spool.
/// </summary>
public sealed class SelfMonitorSource(StoreWriter writer, StoreSchema schema, TimeSpan interval, string processRole, ILogger<SelfMonitorSource> logger)
    : BackgroundService
{
    private readonly string _host = Environment.MachineName;
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastSample = Stopwatch.GetTimestamp();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                foreach (var point in Sample(DateTimeOffset.UtcNow))
                    await writer.WriteAsync(point, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Self-monitoring sample failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>The points of one sample, all stamped with <paramref name="now"/>.</summary>
    public IReadOnlyList<Point> Sample(DateTimeOffset now)
    {
        var points = new List<Point>();
        foreach (var sink in writer.Status())
        {
            points.Add(schema.NewPoint("netops_store_sink")
                .Tag("sink", sink.Name)
                .Tag("host", _host)
                .Field("reachable", sink.Reachable)
                .Field("state", sink.State)
                .Field("spool_bytes", sink.SpoolBytes)
                .Field("spool_capacity_bytes", sink.SpoolCapacityBytes)
                .Field("spool_batches", (long)sink.SpoolBatches)
                .Field("spool_lines", sink.SpoolLines)
                .Field("lines_accepted", sink.LinesAccepted)
                .Field("lines_stored", sink.LinesStored)
                .Field("lines_dropped", sink.LinesDropped)
                .Field("lines_dropped_spool_full", sink.LinesDroppedSpoolFull)
                .Field("retries", sink.Retries)
                .Timestamp(now));
        }

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sampledAt = Stopwatch.GetTimestamp();
        var wall = Stopwatch.GetElapsedTime(_lastSample, sampledAt);
        var cpuPercent = wall > TimeSpan.Zero ? 100.0 * (cpu - _lastCpu).TotalSeconds / wall.TotalSeconds : 0;
        _lastCpu = cpu;
        _lastSample = sampledAt;
        points.Add(schema.NewPoint("netops_process")
            .Tag("process", processRole)
            .Tag("host", _host)
            .Field("cpu_percent", Math.Round(cpuPercent, 2))
            .Field("working_set_bytes", process.WorkingSet64)
            .Field("gc_heap_bytes", GC.GetTotalMemory(forceFullCollection: false))
            .Field("threads", (long)process.Threads.Count)
            .Field("uptime_seconds", Math.Round((now - process.StartTime.ToUniversalTime()).TotalSeconds, 3))
            .Timestamp(now));
        return points;
    }
}
