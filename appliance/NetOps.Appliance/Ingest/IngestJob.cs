using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using NetOps.Store;
using NetOps.Store.LineProtocol;
using NetOps.Store.Reading;
using NetOps.Store.Writing;

namespace NetOps.Appliance.Ingest;

/// <summary>What one ingest ended with.</summary>
internal sealed record IngestResult(long LinesRead, long Malformed, bool AllStored, long PendingLines, string SpoolDirectory, string? RejectedFile);

/// <summary>
/// <c>netops ingest</c>: reads line protocol from a file or standard input, checks every point,
/// and writes it through the appliance's own writer (batching, gzip, retries, disk spool). It ends
/// only when every line is stored or safely spooled. Malformed lines are counted, kept with their
/// line numbers beside the spool and skipped; they never stop the rest.
/// </summary>
internal sealed class IngestJob(IngestOptions options, ILoggerFactory loggers, TextWriter report)
{
    private const int ChunkBytes = 1024 * 1024;
    private const long CheckpointEveryLines = 10_000;
    /// <summary>Past this, a "point" is an unclosed quote swallowing the file: it is judged as it stands.</summary>
    private const int MaxPointBytes = 64 * 1024 * 1024;
    private readonly ILogger _logger = loggers.CreateLogger<IngestJob>();

    public async Task<IngestResult> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.SpoolDirectory);
        var fromStdin = options.Input == "-";
        var checkpointPath = Path.Combine(options.SpoolDirectory, "ingest-checkpoint.json");
        var rejectedPath = Path.Combine(options.SpoolDirectory, "ingest-rejected.lp");
        FileInfo? file = fromStdin ? null : new FileInfo(options.Input);
        if (file is { Exists: false })
            throw new FileNotFoundException($"Input file '{options.Input}' does not exist.");

        var checkpoint = file is null ? null : IngestCheckpoint.Load(checkpointPath);
        if (checkpoint is not null && !checkpoint.Matches(file!))
            checkpoint = null;
        var startedNs = checkpoint?.StartedNs ?? Point.UnixNanoseconds(DateTimeOffset.UtcNow);

        var writerOptions = new StoreWriterOptions { BatchMaxLines = options.BatchLines, Gzip = options.Gzip };
        await using var writer = new StoreWriter(writerOptions,
            [new SinkOptions("ingest", options.Endpoint, options.SpoolDirectory) { LayoutInitializer = options.CreateDatabase ? CreateDatabaseAsync : null }], loggers);
        var recovered = writer.Start()["ingest"];
        if (recovered.Lines > 0)
            report.WriteLine($"Found {recovered.Lines} lines spooled by an earlier run in {options.SpoolDirectory}; sending them first.");

        long offset = checkpoint?.Offset ?? 0, lines = checkpoint?.Lines ?? 0, malformed = checkpoint?.Malformed ?? 0;
        if (checkpoint is { Completed: false })
            report.WriteLine($"Resuming {file!.FullName} after line {lines} (byte {offset}).");

        if (checkpoint is not { Completed: true })
        {
            await using var input = fromStdin ? Console.OpenStandardInput() : new FileStream(file!.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (!fromStdin)
                input.Seek(offset, SeekOrigin.Begin);
            using var rejected = new RejectedLines(rejectedPath);
            var pace = Stopwatch.StartNew();
            long linesThisRun = 0, sinceCheckpoint = 0;
            var buffer = new byte[ChunkBytes];
            var filled = 0;
            var eof = false;
            var lineNumber = checkpoint?.NextLine ?? 1;
            var progress = new ProgressReporter(report, file?.Length);
            var judgeAsItStands = false;
            while (!eof)
            {
                if (!judgeAsItStands)
                {
                    var n = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    eof = n == 0;
                    filled += n;
                }
                var consumed = 0;
                while (true)
                {
                    var (status, pointStart, pointLength, hasTimestamp, error, used) = ReadOne(buffer.AsSpan(consumed, filled - consumed), eof || judgeAsItStands);
                    if (status is LineReadStatus.NeedMoreData or LineReadStatus.End)
                        break;
                    if (status == LineReadStatus.Point)
                    {
                        await writer.WriteEncodedAsync(buffer.AsMemory(consumed + pointStart, pointLength), hasTimestamp, options.RetentionPolicy, startedNs, cancellationToken);
                        lines++;
                        linesThisRun++;
                        sinceCheckpoint++;
                    }
                    else if (status == LineReadStatus.Malformed)
                    {
                        malformed++;
                        rejected.Keep(lineNumber, error!, buffer.AsSpan(consumed + pointStart, pointLength));
                        if (malformed <= 20)
                            report.WriteLine($"line {lineNumber}: {error}; skipped (kept in {rejectedPath})");
                    }
                    // String fields may span lines: count the newlines actually consumed.
                    lineNumber += buffer.AsSpan(consumed, used).Count((byte)'\n');
                    consumed += used;
                    if (judgeAsItStands)
                        break;
                }
                judgeAsItStands = false;
                if (consumed == 0 && filled == buffer.Length)
                {
                    // One point longer than the buffer: grow, up to a limit past which it is judged as it stands.
                    if (buffer.Length < MaxPointBytes)
                        Array.Resize(ref buffer, buffer.Length * 2);
                    else
                        judgeAsItStands = true;
                }
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                offset += consumed;

                if (sinceCheckpoint >= CheckpointEveryLines || eof)
                {
                    await writer.FlushAsync(cancellationToken);
                    rejected.Flush();
                    if (file is not null)
                        new IngestCheckpoint(file.FullName, file.Length, file.LastWriteTimeUtc.Ticks, offset, lines, malformed, lineNumber, startedNs, eof).Save(checkpointPath);
                    sinceCheckpoint = 0;
                    progress.Report(offset, lines);
                }
                await PaceAsync(pace, linesThisRun, cancellationToken);
            }
        }

        var drained = (await writer.DrainAsync(options.Wait, cancellationToken))[0];
        if (drained.AllStored && File.Exists(checkpointPath))
            File.Delete(checkpointPath);
        return new IngestResult(lines, malformed, drained.AllStored, drained.PendingLines, options.SpoolDirectory,
            malformed > 0 ? rejectedPath : null);
    }

    private static async Task CreateDatabaseAsync(InfluxEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var client = new InfluxQueryClient(endpoint, timeout: TimeSpan.FromSeconds(30));
        await client.QueryAsync($"CREATE DATABASE {InfluxQueryClient.Quote(endpoint.Database)}", cancellationToken: cancellationToken);
    }

    private static (LineReadStatus Status, int Start, int Length, bool HasTimestamp, string? Error, int Consumed) ReadOne(ReadOnlySpan<byte> data, bool isFinal)
    {
        var reader = new LineProtocolReader(data, isFinal);
        var status = reader.Read();
        return status is LineReadStatus.NeedMoreData or LineReadStatus.End
            ? (status, 0, 0, false, null, 0)
            : (status, reader.PointStart, reader.PointLength, reader.HasTimestamp, reader.Error, reader.Consumed);
    }

    private async Task PaceAsync(Stopwatch pace, long linesThisRun, CancellationToken cancellationToken)
    {
        if (options.MaxLinesPerSecond <= 0)
            return;
        var due = TimeSpan.FromSeconds((double)linesThisRun / options.MaxLinesPerSecond);
        if (due > pace.Elapsed)
            await Task.Delay(due - pace.Elapsed, cancellationToken);
    }

    /// <summary>Malformed input lines, kept with their line numbers and reasons.</summary>
    private sealed class RejectedLines(string path) : IDisposable
    {
        private StreamWriter? _writer;

        public void Keep(long lineNumber, string reason, ReadOnlySpan<byte> line)
        {
            _writer ??= new StreamWriter(path, append: true, new UTF8Encoding(false)) { NewLine = "\n" };
            _writer.WriteLine($"# line {lineNumber}: {reason}");
            _writer.WriteLine(Encoding.UTF8.GetString(line));
        }

        public void Flush() => _writer?.Flush();

        public void Dispose() => _writer?.Dispose();
    }

    /// <summary>Progress on a terminal, at most a few times a second; silent when output is redirected.</summary>
    private sealed class ProgressReporter(TextWriter report, long? totalBytes)
    {
        private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(report, Console.Error);
        private long _last;

        public void Report(long offset, long lines)
        {
            if (!_interactive || Environment.TickCount64 - _last < 250)
                return;
            _last = Environment.TickCount64;
            var percent = totalBytes is > 0 ? $" {100.0 * offset / totalBytes.Value:0.0}%" : "";
            report.Write($"\r{lines:N0} lines{percent}   ");
        }
    }
}
