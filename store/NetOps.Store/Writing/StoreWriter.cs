using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Store.LineProtocol;

namespace NetOps.Store.Writing;

/// <summary>What <see cref="StoreWriter.DrainAsync"/> saw for one sink when it returned.</summary>
public sealed record SinkDrainResult(string Sink, bool AllStored, long PendingLines, string SpoolDirectory);

/// <summary>
/// The one way NetOps writes to its stores. Points are encoded into per-retention-policy batches;
/// a batch is sealed when it reaches its size limit or its age limit, compressed once, and appended
/// durably to the disk spool of every sink before it counts as accepted. Each sink ships its spool
/// in order (see <see cref="SinkPipeline"/>). Memory is bounded by the open batches plus
/// <see cref="StoreWriterOptions.SealedQueueCapacity"/> sealed ones: a writer that outpaces the
/// disk waits.
/// </summary>
public sealed class StoreWriter : IAsyncDisposable
{
    private readonly StoreWriterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly SinkPipeline[] _sinks;
    private readonly object _assemblyGate = new();
    private readonly Dictionary<string, OpenBatch> _open = new(StringComparer.Ordinal);
    private readonly Channel<SealedBatch> _sealed = Channel.CreateUnbounded<SealedBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _backlogGate = new();
    private TaskCompletionSource _backlogShrank = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _backlog;
    private readonly object _flushGate = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _flushWaiters = [];
    private readonly CancellationTokenSource _stop = new();
    private long _sealedSequence;
    private long _spooledSequence;
    private long _linesWritten;
    private Task? _spoolLoop;
    private Task? _ageLoop;
    private bool _started;
    private bool _disposing;
    private bool _disposed;

    public StoreWriter(StoreWriterOptions options, IEnumerable<SinkOptions> sinks, ILoggerFactory? loggerFactory = null, TimeProvider? clock = null)
    {
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<StoreWriter>();
        _clock = clock ?? TimeProvider.System;
        _sinks = sinks.Select(s => new SinkPipeline(s, options, loggerFactory.CreateLogger($"NetOps.Store.Sink.{s.Name}"))).ToArray();
        if (_sinks.Length == 0)
            throw new ArgumentException("A store writer needs at least one sink.", nameof(sinks));
        if (_sinks.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != _sinks.Length)
            throw new ArgumentException("Sink names must be unique.", nameof(sinks));
    }

    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    /// <summary>Opens every spool (replaying what an earlier run left) and starts shipping.</summary>
    public IReadOnlyDictionary<string, Spool.SpoolRecovery> Start()
    {
        if (_started)
            throw new InvalidOperationException("The writer is already started.");
        _started = true;
        var recovered = _sinks.ToDictionary(s => s.Name, s => s.Start());
        _spoolLoop = Task.Run(() => SpoolLoopAsync(_stop.Token));
        _ageLoop = Task.Run(() => AgeLoopAsync(_stop.Token));
        return recovered;
    }

    public void Write(Point point)
    {
        if (Append(point.RetentionPolicy ?? "", (this, point), static (buffer, s) => s.point.WriteTo(buffer, s.Item1._options.DefaultTags, s.Item1.NowNs())))
            WaitForBacklogAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public async ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default)
    {
        if (Append(point.RetentionPolicy ?? "", (this, point), static (buffer, s) => s.point.WriteTo(buffer, s.Item1._options.DefaultTags, s.Item1.NowNs())))
            await WaitForBacklogAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one already-encoded point (without its line ending), as read and checked by
    /// <see cref="LineProtocolReader"/>. A point without a timestamp gets <paramref name="timestampNsIfMissing"/>
    /// (or the writer's clock), so sending it twice never stores it twice.
    /// </summary>
    public async ValueTask WriteEncodedAsync(ReadOnlyMemory<byte> point, bool hasTimestamp, string? retentionPolicy = null,
        long? timestampNsIfMissing = null, CancellationToken cancellationToken = default)
    {
        var timestamp = hasTimestamp ? 0 : timestampNsIfMissing ?? NowNs();
        var sealedOne = Append(retentionPolicy ?? "", (point, hasTimestamp, timestamp), static (buffer, s) =>
        {
            buffer.Write(s.point.Span);
            if (!s.hasTimestamp)
                LineProtocolEncoder.WriteTimestamp(buffer, s.timestamp);
            LineProtocolEncoder.WriteByte(buffer, (byte)'\n');
        });
        if (sealedOne)
            await WaitForBacklogAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seals the open batches and waits until everything written so far is durably in every sink's spool.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        EnsureStarted();
        long target;
        lock (_assemblyGate)
        {
            foreach (var batch in _open.Values.Where(b => b.Lines > 0).ToList())
                SealLocked(batch);
            target = _sealedSequence;
        }
        Task wait;
        lock (_flushGate)
        {
            if (Interlocked.Read(ref _spooledSequence) >= target)
                return;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add((target, done));
            wait = done.Task;
        }
        await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes, then waits up to <paramref name="timeout"/> for every sink to store all it holds.</summary>
    public async Task<IReadOnlyList<SinkDrainResult>> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var deadline = _clock.GetUtcNow() + timeout;
        while (_sinks.Any(s => s.Spool.PendingBatches > 0) && _clock.GetUtcNow() < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        return _sinks.Select(s => new SinkDrainResult(s.Name, s.Spool.PendingBatches == 0, s.Spool.PendingLines, s.Spool.Directory)).ToList();
    }

    public IReadOnlyList<SinkStatus> Status() => _sinks.Select(s => s.Status()).ToList();

    /// <summary>Flushes what is open into the spools and stops; unsent batches stay spooled for the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing)
            return;
        _disposing = true;
        if (_started)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await FlushAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _logger.LogError("Store writer: open batches could not be spooled within 30 s at shutdown");
            }
        }
        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _spoolLoop, _ageLoop })
        {
            if (task is null)
                continue;
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        foreach (var sink in _sinks)
            await sink.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private long NowNs() => Point.UnixNanoseconds(_clock.GetUtcNow());

    /// <summary>Encodes one point into its open batch; true when that sealed a batch.</summary>
    private bool Append<TState>(string retentionPolicy, TState state, Action<GrowableBuffer, TState> encode)
    {
        EnsureStarted();
        lock (_assemblyGate)
        {
            if (!_open.TryGetValue(retentionPolicy, out var batch))
            {
                batch = new OpenBatch(retentionPolicy, Math.Min(_options.BatchMaxBytes, 1024 * 1024));
                _open[retentionPolicy] = batch;
            }
            var before = batch.Buffer.Length;
            try
            {
                encode(batch.Buffer, state);
            }
            catch
            {
                batch.Buffer.Truncate(before);
                throw;
            }
            if (batch.Lines == 0)
                batch.OpenedAt = _clock.GetTimestamp();
            batch.Lines++;
            Interlocked.Increment(ref _linesWritten);
            if (batch.Lines < _options.BatchMaxLines && batch.Buffer.Length < _options.BatchMaxBytes)
                return false;
            SealLocked(batch);
            return true;
        }
    }

    /// <summary>Seals under the assembly lock, so batches reach the spool loop in sequence order.</summary>
    private void SealLocked(OpenBatch batch)
    {
        _open.Remove(batch.RetentionPolicy);
        Interlocked.Increment(ref _backlog);
        _sealed.Writer.TryWrite(new SealedBatch(++_sealedSequence, batch.RetentionPolicy, batch.Lines, batch.Buffer.WrittenSpan.ToArray()));
    }

    /// <summary>Bounds memory: a writer that sealed a batch waits while too many wait to be spooled.</summary>
    private async Task WaitForBacklogAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task shrank;
            lock (_backlogGate)
            {
                if (Volatile.Read(ref _backlog) <= Math.Max(1, _options.SealedQueueCapacity))
                    return;
                shrank = _backlogShrank.Task;
            }
            await shrank.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SpoolLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var batch in _sealed.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await SpoolEverywhereAsync(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _spooledSequence, batch.Sequence);
            CompleteFlushWaiters(batch.Sequence);
            lock (_backlogGate)
            {
                Interlocked.Decrement(ref _backlog);
                _backlogShrank.TrySetResult();
                _backlogShrank = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private async Task SpoolEverywhereAsync(SealedBatch batch, CancellationToken cancellationToken)
    {
        byte[]? compressed = null;
        foreach (var sink in _sinks)
        {
            var gzip = _options.Gzip ?? !sink.IsLoopback;
            var payload = gzip ? compressed ??= Payload.Gzip(batch.Lines) : batch.Lines;
            while (true)
            {
                try
                {
                    await sink.AcceptAsync(batch.RetentionPolicy, batch.LineCount, gzip, payload, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (IOException e)
                {
                    // Disk trouble: keep the batch in memory (writers wait behind it) and try again.
                    _logger.LogError(e, "Store writer: could not append to the spool of sink {Sink}; retrying in 1 s", sink.Name);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private void CompleteFlushWaiters(long spooled)
    {
        lock (_flushGate)
        {
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Sequence <= spooled)
                {
                    _flushWaiters[i].Done.TrySetResult();
                    _flushWaiters.RemoveAt(i);
                }
            }
        }
    }

    private async Task AgeLoopAsync(CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, _options.FlushInterval.Ticks / 4));
        using var timer = new PeriodicTimer(tick, _clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (_assemblyGate)
            {
                foreach (var batch in _open.Values.Where(b => b.Lines > 0 && _clock.GetElapsedTime(b.OpenedAt) >= _options.FlushInterval).ToList())
                    SealLocked(batch);
            }
        }
    }

    private void EnsureStarted()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_started)
            throw new InvalidOperationException("Start the writer before writing.");
    }

    private sealed class OpenBatch(string retentionPolicy, int initialCapacity)
    {
        public string RetentionPolicy { get; } = retentionPolicy;
        public GrowableBuffer Buffer { get; } = new(initialCapacity);
        public int Lines { get; set; }
        public long OpenedAt { get; set; }
    }

    private sealed record SealedBatch(long Sequence, string RetentionPolicy, int LineCount, byte[] Lines);
}
