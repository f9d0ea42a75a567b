using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using System.Net;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Session;
using NetOps.Appliance.Analysis;
using NetOps.Collector.Capture;
using NetOps.Collector.SelfMonitor;
using NetOps.Collector.Traps;
using NetOps.Collector.Identity.RadiusAccounting;
using NetOps.Analyzer.Identity;
using NetOps.Snmp.Traps;
using NetOps.Appliance.Lab;
using NetOps.Collector.Snmp;
using NetOps.Snmp.Client;
using NetOps.Configuration;
using NetOps.WebConsole;
using NetOps.Store;
using NetOps.Store.Layout;
using NetOps.Store.Local;
using NetOps.Store.Reading;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Appliance.Hosting;

/// <summary>
/// The whole appliance in one process: its own influxd (when configured), the store writer with
/// every sink, the collector's sources and the web console. Started in that order and stopped in
/// the reverse one; whatever the store has not taken yet stays in the sinks' spools.
/// </summary>
internal sealed class ApplianceHost(NetOpsConfig config, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<ApplianceHost>();
    private readonly StoreSchema _schema = StoreSchema.Current;
    private LocalInfluxServer? _influxd;
    private StoreWriter? _writer;
    private SelfMonitorSource? _selfMonitor;
    private TrapListener? _trapListener;
    private TrapSource? _trapSource;
    private RadiusAccountingReceiver? _radiusReceiver;
    private RadiusAccountingSource? _radiusSource;
    private SnmpClient? _snmpClient;
    private SnmpPollerSource? _poller;
    private SnmpLab? _lab;
    private TrafficCapture? _traffic;
    private WebApplication? _console;

    public Uri? ConsoleUrl { get; private set; }
    public Uri? LocalStoreUrl => _influxd?.Url;
    public IPEndPoint? TrapEndPoint { get; private set; }
    public string? CaptureDescription => _traffic?.Description;
    public IPEndPoint? RadiusAccountingEndPoint { get; private set; }

    /// <summary>Who held which address when: fed by RADIUS accounting (and the analyzer's DHCP/RADIUS inspectors), asked by detections.</summary>
    public IdentityTimeline Identity { get; } = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = config.Store;
        if (store.Local.Enabled)
        {
            var (host, port) = SplitHostPort(store.Local.Listen);
            _influxd = new LocalInfluxServer(new LocalInfluxOptions(store.Local.DataDir, host, port), loggers.CreateLogger("NetOps.Store.Local"));
            await _influxd.StartAsync(cancellationToken);
        }

        var layout = new StoreLayout(_schema, new Dictionary<string, TimeSpan>
        {
            ["raw"] = store.Retention.Raw,
            ["rollup"] = store.Retention.Rollup,
            ["events"] = store.Retention.Events,
        }, loggers.CreateLogger<StoreLayout>());

        var sinks = store.Sinks.Select(sink => new SinkOptions(sink.Name,
            new InfluxEndpoint(new Uri(sink.Url), string.IsNullOrEmpty(sink.Database) ? store.Database : sink.Database, sink.Token, sink.Username, sink.Password),
            sink.Spool.Dir)
        {
            RetentionPolicyOverride = string.IsNullOrEmpty(sink.RetentionPolicy) ? null : sink.RetentionPolicy,
            SpoolCapacityBytes = sink.Spool.MaxSize,
            WhenSpoolFull = sink.Spool.WhenFull == "drop_newest" ? SpoolFullPolicy.DropNewest : SpoolFullPolicy.Block,
            LayoutInitializer = sink.ManageLayout ? (endpoint, token) => EnsureLayoutAsync(layout, endpoint, token) : null,
        }).ToList();

        _writer = new StoreWriter(new StoreWriterOptions
        {
            BatchMaxLines = store.Batch.MaxLines,
            BatchMaxBytes = (int)store.Batch.MaxBytes,
            FlushInterval = store.Batch.FlushInterval,
            Gzip = store.Gzip,
            RetryInitialDelay = store.Retry.InitialDelay,
            RetryMaxDelay = store.Retry.MaxDelay,
            RequestTimeout = store.RequestTimeout,
            DefaultTags = [new("school", config.Site.School)],
        }, sinks, loggers);
        _writer.Start();

        // Each managing sink prepares its layout before its first write (the first self-monitoring
        // sample comes at once), and again whenever its server answers 404.
        _selfMonitor = new SelfMonitorSource(_writer, _schema, config.Collector.SelfMonitorInterval, "appliance", loggers.CreateLogger<SelfMonitorSource>());
        await _selfMonitor.StartAsync(cancellationToken);

        if (config.Collector.Traps.Enabled)
        {
            var traps = config.Collector.Traps;
            var (host, port) = SplitHostPort(traps.Listen);
            _trapListener = new TrapListener(new IPEndPoint(IPAddress.Parse(host), port), new TrapListenerOptions
            {
                Communities = traps.Communities.ToList(),
                Users = traps.Users.Select(u => SnmpSettings.User(u)).ToList(),
            });
            _trapSource = new TrapSource(_trapListener, _writer, _schema, loggers.CreateLogger<TrapSource>());
            await _trapSource.StartAsync(cancellationToken);
            TrapEndPoint = _trapListener.EndPoint;
        }

        if (config.Collector.RadiusAccounting.Enabled)
        {
            var radius = config.Collector.RadiusAccounting;
            var (host, port) = SplitHostPort(radius.Listen);
            _radiusReceiver = new RadiusAccountingReceiver(new RadiusAccountingOptions
            {
                Listen = new IPEndPoint(IPAddress.Parse(host), port),
                Clients = radius.Clients.Select(c => new RadiusClient(IPAddress.Parse(c.Address), c.Secret)).ToList(),
            });
            _radiusSource = new RadiusAccountingSource(_radiusReceiver, Identity, _writer, _schema, loggers.CreateLogger<RadiusAccountingSource>());
            await _radiusSource.StartAsync(cancellationToken);
            RadiusAccountingEndPoint = _radiusReceiver.EndPoint;
        }

        var devices = config.Collector.Snmp.Devices.Select(SnmpSettings.Device).ToList();
        if (devices.Count == 0 && config.Collector.Snmp.Lab)
        {
            // No devices of its own: the built-in lab campus.
            var (labHost, labPort) = SplitHostPort(config.Collector.Snmp.LabListen);
            _lab = new SnmpLab(AppPaths.Var("lab", "snmp"), new IPEndPoint(IPAddress.Parse(labHost), labPort), loggers.CreateLogger<SnmpLab>());
            await _lab.StartAsync(cancellationToken);
            devices = [.. _lab.Devices];
        }
        if (devices.Count > 0)
        {
            _snmpClient = new SnmpClient();
            _poller = new SnmpPollerSource(devices, config.Collector.Snmp.Interval,
                config.Collector.Snmp.MaxConcurrent, _snmpClient, _writer, _schema, loggers.CreateLogger<SnmpPollerSource>());
            await _poller.StartAsync(cancellationToken);
        }

        _traffic = await TrafficCapture.StartAsync(config.Collector.Capture, LiveAnalysis, _writer, _schema, loggers, cancellationToken);

        _console = ConsoleServer.Build(new ConsoleServerOptions(config.Console.Listen, config.Console.Language),
            new StoreHealthSource(_writer, config.Site.School, config.Site.Name), loggers);
        await _console.StartAsync(cancellationToken);
        ConsoleUrl = new Uri(_console.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_console is not null)
        {
            await _console.StopAsync();
            await _console.DisposeAsync();
        }
        if (_traffic is not null)
            await _traffic.DisposeAsync();
        if (_poller is not null)
        {
            await _poller.StopAsync(CancellationToken.None);
            _poller.Dispose();
        }
        if (_snmpClient is not null)
            await _snmpClient.DisposeAsync();
        if (_lab is not null)
            await _lab.DisposeAsync();
        if (_trapSource is not null)
        {
            await _trapSource.StopAsync(CancellationToken.None);
            _trapSource.Dispose();
        }
        if (_trapListener is not null)
            await _trapListener.DisposeAsync();
        if (_radiusSource is not null)
        {
            await _radiusSource.StopAsync(CancellationToken.None);
            _radiusSource.Dispose();
        }
        if (_radiusReceiver is not null)
            await _radiusReceiver.DisposeAsync();
        if (_selfMonitor is not null)
        {
            await _selfMonitor.StopAsync(CancellationToken.None);
            _selfMonitor.Dispose();
        }
        if (_writer is not null)
        {
            var drained = await _writer.DrainAsync(TimeSpan.FromSeconds(5));
            foreach (var sink in drained.Where(d => !d.AllStored))
                _logger.LogWarning("Sink {Sink}: {Lines} lines stay spooled in {Spool} and go out on the next start", sink.Sink, sink.PendingLines, sink.SpoolDirectory);
            await _writer.DisposeAsync();
        }
        if (_influxd is not null)
            await _influxd.DisposeAsync();
    }

    /// <summary>
    /// The live capture's analysis: the same session as <c>netops analyze</c>, its capture drops from
    /// libpcap's counters, its traffic intervals (tagged with the interface), detections and the RADIUS
    /// accounting it sees (identity_session, source=capture) written to the store.
    /// </summary>
    private PipelineFrameConsumer LiveAnalysis(string capture, Func<CaptureCounters> counters)
    {
        var session = AnalysisSession.Create(AppPaths.Rules, config.Collector.Capture.TrafficInterval, () => counters().PacketsDropped, Identity);
        TrafficStore.WriteIntervals(session, _writer!, _schema, capture);
        TrafficStore.WriteDetections(session, _writer!);
        TrafficStore.WriteIdentitySessions(session, _writer!, _schema);
        return new PipelineFrameConsumer(session.Pipeline);
    }

    internal static async Task EnsureLayoutAsync(StoreLayout layout, InfluxEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var client = new InfluxQueryClient(endpoint, timeout: TimeSpan.FromSeconds(30));
        await layout.EnsureAsync(client, cancellationToken);
    }

    internal static (string Host, int Port) SplitHostPort(string listen)
    {
        var colon = listen.LastIndexOf(':');
        var host = listen[..colon].Trim('[', ']');
        return (host, int.Parse(listen[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
