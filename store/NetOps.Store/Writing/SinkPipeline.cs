using System.Net;
using Microsoft.Extensions.Logging;
using NetOps.Store.Spool;
using Polly;
using Polly.Retry;

namespace NetOps.Store.Writing;

/// <summary>
/// One destination: its disk spool and the loop that ships spooled batches to the server in order,
/// one at a time. Network errors, 429 and 5xx are retried with exponential backoff and jitter
/// (honouring Retry-After) for as long as it takes; a 400 is never retried (the refused lines are
/// counted, logged and kept as dead letters); a 413 splits the batch.
/// </summary>
internal sealed class SinkPipeline : IAsyncDisposable
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);
    private readonly SinkOptions _options;
    private readonly StoreWriterOptions _writerOptions;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly InfluxWriteClient _client;
    private readonly DeadLetterBox _deadLetters;
    private readonly ResiliencePipeline<WriteResponse> _retry;
    private readonly CancellationTokenSource _stop = new();
    private Task? _sendLoop;
    private Task? _pingLoop;
    private readonly Dictionary<SpoolPosition, SpoolEntry> _completed = [];
    private bool _layoutReady;

    private long _linesAccepted, _linesStored, _linesDropped, _linesDroppedSpoolFull, _batchesRejected, _retries;
    private volatile bool _reachable;
    private volatile bool _failing;
    private volatile bool _spoolFull;
    private volatile string? _serverVersion;
    private volatile string? _lastError;
    // UTC ticks (0 = never), read and written atomically: several batches are in flight at once.
    private long _lastStoredTicks, _lastErrorTicks, _lastRejectedTicks;

    public SinkPipeline(SinkOptions options, StoreWriterOptions writerOptions, ILogger logger)
    {
        _options = options;
        _writerOptions = writerOptions;
        _logger = logger;
        Spool = new DiskSpool(options.SpoolDirectory, options.SpoolCapacityBytes, logger, fsync: writerOptions.Fsync);
        _deadLetters = new DeadLetterBox(Path.Combine(options.SpoolDirectory, "rejected"), writerOptions.DeadLetterCapacityBytes, logger);
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, writerOptions.RequestTimeout.TotalSeconds)),
        })
        { Timeout = writerOptions.RequestTimeout };
        _client = new InfluxWriteClient(_http, options.Endpoint);
        _layoutReady = options.LayoutInitializer is null;
        _retry = new ResiliencePipelineBuilder<WriteResponse>()
            .AddRetry(new RetryStrategyOptions<WriteResponse>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Outcome == WriteOutcome.Retry),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = writerOptions.RetryInitialDelay,
                MaxDelay = writerOptions.RetryMaxDelay,
                DelayGenerator = args =>
                {
                    var retryAfter = args.Outcome.Result?.RetryAfter;
                    return ValueTask.FromResult(retryAfter is { } wait ? (TimeSpan?)(wait < MaxRetryAfter ? wait : MaxRetryAfter) : null);
                },
                OnRetry = args =>
                {
                    OnTransientFailure(args.Outcome.Result, args.AttemptNumber, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public string Name => _options.Name;
    public bool IsLoopback => _options.Endpoint.BaseUrl.IsLoopback;
    public DiskSpool Spool { get; }
    public SpoolFullPolicy WhenFull => _options.WhenSpoolFull;

    public SpoolRecovery Start()
    {
        var recovery = Spool.Open();
        if (recovery.Batches > 0)
            _logger.LogInformation("Sink {Sink}: {Lines} lines in {Batches} spooled batches from an earlier run will be sent first",
                Name, recovery.Lines, recovery.Batches);
        _sendLoop = Task.Run(() => SendLoopAsync(_stop.Token));
        _pingLoop = Task.Run(() => PingLoopAsync(_stop.Token));
        return recovery;
    }

    /// <summary>Appends a sealed batch to this sink's spool, applying its full-spool policy.</summary>
    public async Task AcceptAsync(string retentionPolicy, int lines, bool gzip, byte[] payload, CancellationToken cancellationToken)
    {
        var rp = _options.RetentionPolicyOverride ?? retentionPolicy;
        if (!Spool.CanEverFit(payload.Length, rp))
        {
            Interlocked.Add(ref _linesDroppedSpoolFull, lines);
            _logger.LogError("Sink {Sink}: a batch of {Bytes} bytes is larger than the whole spool ({Capacity} bytes) and was dropped",
                Name, payload.Length, Spool.CapacityBytes);
            return;
        }
        while (!Spool.TryAppend(rp, lines, gzip, payload))
        {
            if (!_spoolFull)
            {
                _spoolFull = true;
                _logger.LogError("Sink {Sink}: spool {Directory} is full ({Capacity} bytes) while {Url} is not taking data; {Policy}",
                    Name, Spool.Directory, Spool.CapacityBytes, _options.Endpoint.DisplayUrl,
                    WhenFull == SpoolFullPolicy.Block ? "writers wait until it drains" : "new batches are dropped and counted");
            }
            if (WhenFull == SpoolFullPolicy.DropNewest)
            {
                Interlocked.Add(ref _linesDroppedSpoolFull, lines);
                return;
            }
            await Spool.WaitForSpaceAsync(payload.Length, rp, cancellationToken).ConfigureAwait(false);
        }
        if (_spoolFull)
        {
            _spoolFull = false;
            _logger.LogWarning("Sink {Sink}: spool has room again", Name);
        }
        Interlocked.Add(ref _linesAccepted, lines);
    }

    public SinkStatus Status()
    {
        var pending = Spool.PendingBatches;
        var state = _spoolFull ? SinkStates.SpoolFull
            : _failing ? (pending > 0 ? SinkStates.Spooling : SinkStates.Retrying)
            : At(ref _lastRejectedTicks) is { } rejected && DateTimeOffset.UtcNow - rejected < TimeSpan.FromMinutes(5) ? SinkStates.Rejecting
            : SinkStates.Delivering;
        return new SinkStatus(Name, _options.Endpoint.DisplayUrl, _options.Endpoint.Database, _reachable, _serverVersion, state,
            Spool.PendingBytes, Spool.CapacityBytes, pending, Spool.PendingLines,
            Interlocked.Read(ref _linesAccepted), Interlocked.Read(ref _linesStored), Interlocked.Read(ref _linesDropped),
            Interlocked.Read(ref _linesDroppedSpoolFull), Interlocked.Read(ref _batchesRejected), Interlocked.Read(ref _retries),
            At(ref _lastStoredTicks), _lastError, At(ref _lastErrorTicks));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _sendLoop, _pingLoop })
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
        Spool.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(Math.Max(1, _writerOptions.MaxInFlight));
        var inFlight = new List<Task>();
        SpoolPosition? lastDispatched = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await window.WaitAsync(cancellationToken).ConfigureAwait(false);
                var entry = await Spool.PeekAfterAsync(lastDispatched, cancellationToken).ConfigureAwait(false);
                lastDispatched = entry.Position;
                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await DeliverUntilDoneAsync(entry, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        window.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException)
        {
        }
        try
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Delivers one spooled batch (retrying as long as it takes) and acknowledges it in spool order.</summary>
    private async Task DeliverUntilDoneAsync(SpoolEntry entry, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await DeliverAsync(entry.RetentionPolicy, entry.Payload, entry.Gzip, entry.Lines, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Unexpected (e.g. a spool I/O error): keep the batch and try again shortly.
                RecordError($"internal error: {e.Message}");
                _logger.LogError(e, "Sink {Sink}: delivering a spooled batch failed; it stays spooled", Name);
                await Task.Delay(_writerOptions.RetryMaxDelay, cancellationToken).ConfigureAwait(false);
            }
        }
        lock (_completed)
        {
            _completed[entry.Position] = entry;
            // Batches may finish out of order; the spool is acknowledged only over the finished prefix.
            while (Spool.TryPeekPosition(out var head) && _completed.Remove(head, out var done))
                Spool.Acknowledge(done);
        }
    }

    private async Task DeliverAsync(string rp, byte[] payload, bool gzip, int lines, CancellationToken cancellationToken)
    {
        var response = await _retry.ExecuteAsync(
            async token => await SendOnceAsync(rp, payload, gzip, lines, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (_failing)
            _logger.LogInformation("Sink {Sink}: {Url} is taking data again", Name, _options.Endpoint.DisplayUrl);
        _failing = false;
        _reachable = true;
        if (response.ServerVersion is not null)
            _serverVersion = response.ServerVersion;

        switch (response.Outcome)
        {
            case WriteOutcome.Stored:
                Interlocked.Add(ref _linesStored, lines);
                Interlocked.Exchange(ref _lastStoredTicks, DateTime.UtcNow.Ticks);
                break;
            case WriteOutcome.PartiallyStored:
            {
                Interlocked.Add(ref _linesStored, lines - response.DroppedLines);
                Interlocked.Add(ref _linesDropped, response.DroppedLines);
                Interlocked.Increment(ref _batchesRejected);
                Interlocked.Exchange(ref _lastRejectedTicks, DateTime.UtcNow.Ticks);
                RecordError(response.Message);
                _logger.LogError("Sink {Sink}: server stored part of a batch and dropped {Dropped} of {Lines} lines: {Message}",
                    Name, response.DroppedLines, lines, response.Message);
                _deadLetters.Keep(gzip ? Payload.Gunzip(payload) : payload, response.Message ?? "partial write", rp);
                break;
            }
            case WriteOutcome.Rejected:
            {
                Interlocked.Add(ref _linesDropped, lines);
                Interlocked.Increment(ref _batchesRejected);
                Interlocked.Exchange(ref _lastRejectedTicks, DateTime.UtcNow.Ticks);
                RecordError(response.Message);
                _logger.LogError("Sink {Sink}: server refused a batch of {Lines} lines (HTTP {Status}), kept in {Folder}: {Message}",
                    Name, lines, (int?)response.Status, _deadLetters.Directory, response.Message);
                _deadLetters.Keep(gzip ? Payload.Gunzip(payload) : payload, response.Message ?? "rejected", rp);
                break;
            }
            case WriteOutcome.TooLarge:
            {
                var raw = gzip ? Payload.Gunzip(payload) : payload;
                var halves = Payload.SplitInHalf(raw);
                if (halves is not { } split)
                {
                    Interlocked.Add(ref _linesDropped, lines);
                    Interlocked.Increment(ref _batchesRejected);
                    RecordError("a single line is larger than the server's request limit");
                    _logger.LogError("Sink {Sink}: one line of {Bytes} bytes exceeds the server's body limit; kept in {Folder}",
                        Name, raw.Length, _deadLetters.Directory);
                    _deadLetters.Keep(raw, "413 Request Entity Too Large for a single line", rp);
                    break;
                }
                _logger.LogInformation("Sink {Sink}: server said 413 for {Lines} lines; sending as {First} + {Second}",
                    Name, lines, split.FirstLines, split.SecondLines);
                await DeliverAsync(rp, gzip ? Payload.Gzip(split.First) : split.First, gzip, split.FirstLines, cancellationToken).ConfigureAwait(false);
                await DeliverAsync(rp, gzip ? Payload.Gzip(split.Second) : split.Second, gzip, split.SecondLines, cancellationToken).ConfigureAwait(false);
                break;
            }
        }
    }

    private async Task<WriteResponse> SendOnceAsync(string rp, byte[] payload, bool gzip, int lines, CancellationToken cancellationToken)
    {
        if (!_layoutReady && _options.LayoutInitializer is { } initialize)
        {
            try
            {
                await initialize(_options.Endpoint, cancellationToken).ConfigureAwait(false);
                _layoutReady = true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                return WriteResponse.FromNetworkError(new InvalidOperationException($"preparing the store layout failed: {e.Message}", e));
            }
        }
        var response = await _client.PostAsync(rp, payload, gzip, lines, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound && _options.LayoutInitializer is not null)
            _layoutReady = false;
        return response;
    }

    private void OnTransientFailure(WriteResponse? response, int attempt, TimeSpan delay)
    {
        Interlocked.Increment(ref _retries);
        _failing = true;
        if (response?.Status is null)
            _reachable = false;
        var message = response?.Status is { } status ? $"HTTP {(int)status}: {response.Message}" : response?.Message;
        if (response?.Status == HttpStatusCode.NotFound && _options.LayoutInitializer is null)
            message += " — the database does not exist; create it (or let NetOps: manage_layout: true, ingest --create-db)";
        RecordError(message);
        if (attempt == 0 || attempt % 20 == 0)
            _logger.LogWarning("Sink {Sink}: {Url} not taking data ({Message}); batches stay in {Spool} ({Pending} pending), retry {Attempt} in {Delay:0.0}s",
                Name, _options.Endpoint.DisplayUrl, message, Spool.Directory, Spool.PendingBatches, attempt + 1, delay.TotalSeconds);
    }

    private void RecordError(string? message)
    {
        _lastError = message;
        Interlocked.Exchange(ref _lastErrorTicks, DateTime.UtcNow.Ticks);
    }

    private static DateTimeOffset? At(ref long ticks)
    {
        var value = Interlocked.Read(ref ticks);
        return value == 0 ? null : new DateTimeOffset(value, TimeSpan.Zero);
    }

    private async Task PingLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (reachable, version, error) = await _client.PingAsync(cancellationToken).ConfigureAwait(false);
                _reachable = reachable;
                if (version is not null)
                    _serverVersion = version;
                if (!reachable && Spool.PendingBatches == 0)
                    RecordError(error);
                await Task.Delay(_writerOptions.PingInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
