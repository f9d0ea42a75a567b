using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetOps.Capture;
using NetOps.Capture.Live;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Collector.Capture;

/// <summary>
/// One live capture, run for the appliance's life: a dedicated capture thread opens the interface
/// (through <c>open</c>, which may open it inside a network namespace), reads every frame and hands
/// it to the <see cref="IFrameConsumer"/> (the analyzer pipeline) on that same thread; when the
/// capture cannot be opened or fails, it says why, and opens it again after a delay. Every stats
/// interval, one <c>capture_interface</c> point with libpcap's counters goes to the store.
/// </summary>
public sealed partial class CaptureSource : BackgroundService
{
    private readonly Func<LiveCapture> _open;
    private readonly IFrameConsumer _consumer;
    private readonly CaptureSourceOptions _options;
    private readonly StoreWriter _writer;
    private readonly StoreSchema _schema;
    private readonly ILogger<CaptureSource> _logger;
    private readonly string _host = Environment.MachineName;
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _stopping = new();
    private LiveCapture? _capture;          // the open capture; guarded by _gate
    private CaptureCounters _closed;        // what closed captures counted; guarded by _gate
    private CaptureCounters _lastSample;    // counters at the previous sample; guarded by _gate
    private long _truncated, _consumerErrors, _failures, _consumerErrorsLogged;
    private volatile string _state = "down";
    private volatile string _error = "";
    private volatile string _linkType = "";

    /// <param name="open">Opens the capture (e.g. <c>() => LiveCapture.Open(options)</c>); called on the capture thread, again after each failure.</param>
    /// <param name="consumer">Receives every frame, on the capture thread.</param>
    public CaptureSource(Func<LiveCapture> open, IFrameConsumer consumer, CaptureSourceOptions options, StoreWriter writer, StoreSchema schema, ILogger<CaptureSource> logger)
    {
        _open = open;
        _consumer = consumer;
        _options = options;
        _writer = writer;
        _schema = schema;
        _logger = logger;
    }

    /// <summary>capturing | down | stopped.</summary>
    public string State => _state;

    /// <summary>Times the capture could not be opened or failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The last open or read failure, in libpcap's words; empty when there was none.</summary>
    public string Error => _error;

    /// <summary>The counters so far (for the analyzer's capture-drop metric: <c>() => source.Counters().PacketsDropped</c>).</summary>
    public CaptureCounters Counters()
    {
        lock (_gate)
            return _capture is { } capture ? _closed + CaptureCounters.Of(capture) : _closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                CaptureLoop();
            }
            catch (Exception e)
            {
                _logger.LogCritical(e, "Capture on {Interface} ended unexpectedly", _options.Interface);
            }
            finally
            {
                _state = "stopped";
                finished.TrySetResult();
            }
        }) { IsBackground = true, Name = "capture " + _options.Interface };
        thread.Start();

        try
        {
            using var timer = new PeriodicTimer(_options.StatsInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await _writer.WriteAsync(Sample(DateTimeOffset.UtcNow), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "Capture statistics of {Interface} could not be written", _options.Interface);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Whatever ended the loop, the capture thread ends with it.
            RequestStop();
            await finished.Task.ConfigureAwait(false);
        }
        try
        {
            _writer.Write(Sample(DateTimeOffset.UtcNow)); // the last counters, once the capture is closed
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The last capture statistics of {Interface} could not be written", _options.Interface);
        }
    }

    private void RequestStop()
    {
        _stopping.Set();
        lock (_gate)
            _capture?.Stop();
    }

    /// <summary>The capture_interface point of this moment; drop_percent covers the time since the previous sample.</summary>
    public Point Sample(DateTimeOffset now)
    {
        CaptureCounters counters, previous;
        lock (_gate)
        {
            counters = _capture is { } capture ? _closed + CaptureCounters.Of(capture) : _closed;
            previous = _lastSample;
            _lastSample = counters;
        }
        var received = counters.PacketsReceived - previous.PacketsReceived;
        var dropped = counters.PacketsDropped - previous.PacketsDropped;
        var consumerErrors = Interlocked.Read(ref _consumerErrors);
        if (consumerErrors > _consumerErrorsLogged)
        {
            _logger.LogWarning("Analysis of {Count} frames from {Interface} threw (the first is logged above)", consumerErrors, _options.Interface);
            _consumerErrorsLogged = consumerErrors;
        }
        return _schema.NewPoint("capture_interface")
            .Tag("interface", _options.Interface)
            .Tag("host", _host)
            .Field("state", _state)
            .Field("packets_received", counters.PacketsReceived)
            .Field("packets_dropped", counters.PacketsDropped)
            .Field("packets_if_dropped", counters.PacketsIfDropped)
            .Field("drop_percent", received > 0 ? Math.Round(100.0 * dropped / received, 4) : 0.0)
            .Field("frames_read", counters.FramesRead)
            .Field("bytes", counters.Bytes)
            .Field("captured_bytes", counters.CapturedBytes)
            .Field("frames_truncated", Interlocked.Read(ref _truncated))
            .Field("consumer_errors", consumerErrors)
            .Field("failures", Interlocked.Read(ref _failures))
            .Field("error", _error)
            .Field("link_type", _linkType)
            .Timestamp(now);
    }

    public override void Dispose()
    {
        base.Dispose();
        _stopping.Dispose();
    }
}
