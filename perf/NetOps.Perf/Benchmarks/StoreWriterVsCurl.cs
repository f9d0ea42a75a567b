using System.Diagnostics;
using System.Globalization;
using System.Text;
using NetOps.Store;
using NetOps.Store.LineProtocol;
using NetOps.Store.Local;
using NetOps.Store.Reading;
using NetOps.Store.Writing;

namespace NetOps.Perf.Benchmarks;

/// <summary>
/// Row 1: the store writer against curl posting the same pre-built line-protocol batches to the
/// same influxd, one after another over one connection. NetOps does all that <c>netops ingest</c>
/// does: checks each line, batches, gzips, fsyncs each batch to its disk spool and ships it.
/// Runs alternate (curl, NetOps, curl, NetOps) into fresh databases; the best of each counts.
/// </summary>
public sealed class StoreWriterVsCurl : IBenchmark
{
    private const int LinesPerBatch = 5000;

    public string Name => "writer";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var batches = settings.Quick ? 40 : 200;
        var totalLines = batches * LinesPerBatch;
        var dir = Path.Combine(settings.WorkDirectory, "writer");
        Directory.CreateDirectory(dir);
        await using var server = new LocalInfluxServer(new LocalInfluxOptions(Path.Combine(dir, "influxd"), "127.0.0.1", LocalInfluxServer.FreePort())
        {
            RpcPort = LocalInfluxServer.FreePort(),
        });
        await server.StartAsync(cancellationToken);

        var files = BuildBatches(dir, batches);
        var lines = files.Select(File.ReadAllBytes).ToList();
        double bestCurl = 0, bestNetOps = 0;
        long peakWorkingSet = 0;
        for (var run = 0; run < 3; run++)
        {
            var curlRate = await CurlAsync(server.Url, $"bench_curl_{run}", files, totalLines, dir, cancellationToken);
            bestCurl = Math.Max(bestCurl, curlRate);
            var (rate, peak) = await NetOpsAsync(server.Url, $"bench_netops_{run}", lines, totalLines, Path.Combine(dir, $"spool-{run}"), gzip: null, cancellationToken);
            Console.Error.WriteLine($"  run {run + 1}: curl {curlRate:N0} lines/s, NetOps {rate:N0} lines/s");
            bestNetOps = Math.Max(bestNetOps, rate);
            peakWorkingSet = Math.Max(peakWorkingSet, peak);
        }
        var (gzipRate, _) = await NetOpsAsync(server.Url, "bench_netops_gzip", lines, totalLines, Path.Combine(dir, "spool-gzip"), gzip: true, cancellationToken);
        var (sequentialRate, _) = await NetOpsAsync(server.Url, "bench_netops_seq", lines, totalLines, Path.Combine(dir, "spool-seq"), gzip: null, cancellationToken, maxInFlight: 1);

        var label = $"Store writer, lines/s ({totalLines:N0} lines, {LinesPerBatch:N0}/batch)";
        return
        [
            new BenchmarkRow(label, bestNetOps, bestCurl, "curl (same batches, one connection)", "lines/s", 0.8, true,
                $"best of 3 alternating runs each; NetOps as configured by default (fsynced disk spool, 2 batches in flight, no gzip to a server on this machine); " +
                $"one run each: one batch in flight like curl {sequentialRate:N0} lines/s, gzip forced {gzipRate:N0} lines/s; " +
                $"peak working set of the benchmark process {peakWorkingSet / 1048576.0:0} MiB (includes the {lines.Sum(l => (long)l.Length) / 1048576.0:0} MiB of input held in memory)"),
        ];
    }

    private static List<string> BuildBatches(string dir, int batches)
    {
        var files = new List<string>();
        var baseNs = Point.UnixNanoseconds(DateTimeOffset.UtcNow.AddDays(-1));
        var random = new Random(42);
        var line = 0L;
        for (var b = 0; b < batches; b++)
        {
            var text = new StringBuilder(LinesPerBatch * 140);
            for (var i = 0; i < LinesPerBatch; i++, line++)
            {
                var device = line % 40;
                var port = line / 40 % 50;
                text.Append(CultureInfo.InvariantCulture,
                    $"if_traffic,device=sw-{device:D2},ifname=GigabitEthernet1/0/{port + 1},school=lab-school in_octets={random.NextInt64(1, 1L << 40)}i,out_octets={random.NextInt64(1, 1L << 40)}i,in_errors=0i,oper_status=1i,util_percent={random.NextDouble() * 100:0.##} {baseNs + line * 1000}\n");
            }
            var path = Path.Combine(dir, $"batch-{b:D4}.lp");
            File.WriteAllText(path, text.ToString());
            files.Add(path);
        }
        return files;
    }

    private static async Task<double> CurlAsync(Uri server, string database, List<string> files, int totalLines, string dir, CancellationToken cancellationToken)
    {
        await CreateDatabaseAsync(server, database, cancellationToken);
        var config = new StringBuilder();
        var url = new Uri(server, $"write?db={database}&precision=ns");
        for (var i = 0; i < files.Count; i++)
        {
            if (i > 0)
                config.AppendLine("next");
            config.AppendLine(CultureInfo.InvariantCulture, $"url = \"{url}\"");
            config.AppendLine(CultureInfo.InvariantCulture, $"data-binary = \"@{files[i]}\"");
            config.AppendLine("silent");
            config.AppendLine("output = \"/dev/null\"");
            config.AppendLine("write-out = \"%{http_code}\\n\"");
        }
        var configPath = Path.Combine(dir, $"curl-{database}.cfg");
        await File.WriteAllTextAsync(configPath, config.ToString(), cancellationToken);
        var start = new ProcessStartInfo("curl", ["-K", configPath]) { RedirectStandardOutput = true, UseShellExecute = false };
        var clock = Stopwatch.StartNew();
        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync(cancellationToken);
        await curl.WaitForExitAsync(cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var codes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (curl.ExitCode != 0 || codes.Length != files.Count || codes.Any(c => c != "204"))
            throw new InvalidOperationException($"curl did not store every batch (exit {curl.ExitCode}, answers: {string.Join(",", codes.Distinct())})");
        await VerifyCountAsync(server, database, totalLines, cancellationToken);
        return totalLines / seconds;
    }

    private static async Task<(double Rate, long PeakWorkingSet)> NetOpsAsync(Uri server, string database, List<byte[]> batches, int totalLines, string spool,
        bool? gzip, CancellationToken cancellationToken, int maxInFlight = 2)
    {
        await CreateDatabaseAsync(server, database, cancellationToken);
        var clock = Stopwatch.StartNew();
        long peak;
        await using (var writer = new StoreWriter(new StoreWriterOptions { BatchMaxLines = LinesPerBatch, Gzip = gzip, MaxInFlight = maxInFlight },
            [new SinkOptions("bench", new InfluxEndpoint(server, database), spool)]))
        {
            writer.Start();
            foreach (var batch in batches)
            {
                var memory = batch.AsMemory();
                var offset = 0;
                while (true)
                {
                    var (status, start, length, hasTimestamp, used) = ReadOne(memory.Span[offset..]);
                    if (status == LineReadStatus.End)
                        break;
                    if (status == LineReadStatus.Point)
                        await writer.WriteEncodedAsync(memory.Slice(offset + start, length), hasTimestamp, cancellationToken: cancellationToken);
                    else if (status == LineReadStatus.Malformed)
                        throw new InvalidOperationException("benchmark input is malformed");
                    offset += used;
                }
            }
            var drained = await writer.DrainAsync(TimeSpan.FromMinutes(10), cancellationToken);
            if (!drained[0].AllStored)
                throw new InvalidOperationException("the writer did not store everything within 10 minutes");
            peak = Process.GetCurrentProcess().PeakWorkingSet64;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await VerifyCountAsync(server, database, totalLines, cancellationToken);
        return (totalLines / seconds, peak);
    }

    private static (LineReadStatus Status, int Start, int Length, bool HasTimestamp, int Used) ReadOne(ReadOnlySpan<byte> data)
    {
        var reader = new LineProtocolReader(data, isFinalBlock: true);
        var status = reader.Read();
        return (status, reader.PointStart, reader.PointLength, reader.HasTimestamp, reader.Consumed);
    }

    private static async Task CreateDatabaseAsync(Uri server, string database, CancellationToken cancellationToken)
    {
        using var client = new InfluxQueryClient(new InfluxEndpoint(server, database));
        await client.QueryAsync($"CREATE DATABASE {InfluxQueryClient.Quote(database)}", cancellationToken: cancellationToken);
    }

    private static async Task VerifyCountAsync(Uri server, string database, int expected, CancellationToken cancellationToken)
    {
        using var client = new InfluxQueryClient(new InfluxEndpoint(server, database));
        var result = await client.QuerySingleAsync("SELECT count(in_octets) FROM if_traffic", cancellationToken: cancellationToken);
        var count = result.Series.Count == 0 ? 0 : result.Series[0].Long(0, "count");
        if (count != expected)
            throw new InvalidOperationException($"{database} holds {count} points, expected {expected}");
    }
}
