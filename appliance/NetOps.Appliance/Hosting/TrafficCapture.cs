using Microsoft.Extensions.Logging;
using NetOps.Appliance.Lab.Traffic;
using NetOps.Capture;
using NetOps.Capture.Live;
using NetOps.Collector.Capture;
using NetOps.Configuration;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Appliance.Hosting;

/// <summary>
/// The appliance's live capture: the configured interface (a mirror port), or, with none and the
/// lab on, the lab's own network — a namespace with a veth pair, the campus mix replayed into one
/// end in a loop and captured on the other — so the live path runs on every <c>netops up</c>.
/// Stopped in reverse: the capture (its last counters written), the replay, the namespace.
/// </summary>
internal sealed class TrafficCapture : IAsyncDisposable
{
    private readonly ILogger _logger;
    private LabNamespace? _labNetwork;
    private LabReplay? _replay;
    private CaptureSource? _source;

    private TrafficCapture(ILogger logger) => _logger = logger;

    /// <summary>What is captured (for the log and the tests), or null when nothing is.</summary>
    public string? Description { get; private set; }

    public CaptureSource? Source => _source;

    /// <summary>
    /// Starts capturing as <paramref name="config"/> says; frames go to the consumer made by
    /// <paramref name="consumer"/> (given the interface and the source's counters: zero until the source exists) on the capture thread.
    /// </summary>
    public static async Task<TrafficCapture> StartAsync(CaptureConfig config, Func<string, Func<CaptureCounters>, IFrameConsumer> consumer, StoreWriter writer, StoreSchema schema,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var capture = new TrafficCapture(loggers.CreateLogger<TrafficCapture>());
        try
        {
            await capture.StartCoreAsync(config, consumer, writer, schema, loggers, cancellationToken);
        }
        catch
        {
            await capture.DisposeAsync();
            throw;
        }
        return capture;
    }

    private async Task StartCoreAsync(CaptureConfig config, Func<string, Func<CaptureCounters>, IFrameConsumer> consumer, StoreWriter writer, StoreSchema schema,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var options = new LiveCaptureOptions
        {
            Interface = config.Interface,
            Snaplen = config.Snaplen,
            BufferSize = (int)Math.Min(config.BufferSize, int.MaxValue),
            Promiscuous = config.Promiscuous,
            Filter = config.Filter,
        };
        if (config.Interface.Length == 0)
        {
            if (!config.Lab)
                return;
            if (!Environment.IsPrivilegedProcess)
            {
                _logger.LogWarning("Lab traffic is off: it needs root to create its network namespace (run ./netops up as root, or set collector.capture.interface)");
                return;
            }
            var pcap = LabReplay.EnsureCapture(AppPaths.Var("lab", "traffic"));
            _labNetwork = LabNamespace.Create(config.LabNamespace);
            options = options with { Interface = _labNetwork.CaptureInterface, NetworkNamespace = _labNetwork.Name };
            _replay = new LabReplay(_labNetwork, pcap, config.LabMbps, loggers.CreateLogger<LabReplay>());
        }

        _source = new CaptureSource(() => LiveCapture.Open(options), consumer(options.Interface, () => _source?.Counters() ?? default),
            new CaptureSourceOptions { Interface = options.Interface, StatsInterval = config.StatsInterval }, writer, schema, loggers.CreateLogger<CaptureSource>());
        await _source.StartAsync(cancellationToken);
        // The replay starts once the capture is open, so the capture sees the loop from its first frame.
        if (_replay is not null)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (_source.State != "capturing" && DateTime.UtcNow < deadline)
                await Task.Delay(20, cancellationToken);
            _replay.Start();
        }
        Description = _labNetwork is null ? options.Interface : $"{options.Interface} in network namespace {_labNetwork.Name} (lab replay at {config.LabMbps} Mbit/s)";
        _logger.LogInformation("Live capture on {Capture}", Description);
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.StopAsync(CancellationToken.None);
            _source.Dispose();
        }
        if (_replay is not null)
            await _replay.DisposeAsync();
        _labNetwork?.Dispose();
    }
}
