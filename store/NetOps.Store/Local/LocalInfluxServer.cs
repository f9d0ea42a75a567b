using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NetOps.Store.Local;

/// <summary>Settings of a local <c>influxd</c> (Debian package <c>influxdb</c>, InfluxDB 1.x).</summary>
public sealed record LocalInfluxOptions(string DataDirectory, string Host, int HttpPort)
{
    /// <summary>Port of influxd's backup/restore RPC listener; 0 picks the HTTP port + 2.</summary>
    public int RpcPort { get; init; }
    public string Executable { get; init; } = "influxd";
    /// <summary>Largest request body influxd accepts; larger writes get HTTP 413.</summary>
    public long MaxBodyBytes { get; init; } = 25_000_000;
    public TimeSpan ContinuousQueryRunInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Starts and stops a real <c>influxd</c> bound to one address, with its data, config, log and pid
/// file under <see cref="LocalInfluxOptions.DataDirectory"/>. Used by <c>netops up</c> for the
/// appliance's own store and by tests and benchmarks for a server of their own.
/// </summary>
public sealed class LocalInfluxServer : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private readonly LocalInfluxOptions _options;
    private readonly ILogger _logger;
    private Process? _process;
    private FileStream? _log;

    public LocalInfluxServer(LocalInfluxOptions options, ILogger? logger = null)
    {
        _options = options with { DataDirectory = Path.GetFullPath(options.DataDirectory) };
        _logger = logger ?? NullLogger.Instance;
    }

    public Uri Url => new($"http://{UrlHost}:{_options.HttpPort}/");
    public bool IsRunning => _process is { HasExited: false };
    public int? ProcessId => _process?.Id;
    public string LogPath => Path.Combine(_options.DataDirectory, "influxd.log");
    private string PidPath => Path.Combine(_options.DataDirectory, "influxd.pid");
    private string ConfigPath => Path.Combine(_options.DataDirectory, "influxd.conf");
    private string UrlHost => _options.Host.Contains(':', StringComparison.Ordinal) ? $"[{_options.Host}]" : _options.Host;

    /// <summary>A TCP port nobody listens on right now, on the loopback address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string? FindExecutable(string name = "influxd")
    {
        if (Path.IsPathRooted(name))
            return File.Exists(name) ? name : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
            return;
        var executable = FindExecutable(_options.Executable)
            ?? throw new FileNotFoundException($"'{_options.Executable}' was not found. Install the Debian package 'influxdb' (./netops installs it).");
        Directory.CreateDirectory(_options.DataDirectory);
        await StopStaleAsync().ConfigureAwait(false);
        var rpcPort = _options.RpcPort != 0 ? _options.RpcPort : _options.HttpPort + 2;
        EnsurePortFree(_options.HttpPort, "HTTP");
        EnsurePortFree(rpcPort, "RPC");
        await File.WriteAllTextAsync(ConfigPath, ConfigText(rpcPort), cancellationToken).ConfigureAwait(false);

        _log = new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var start = new ProcessStartInfo(executable, ["-config", ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("influxd did not start.");
        _ = PumpAsync(_process.StandardOutput.BaseStream, _log);
        _ = PumpAsync(_process.StandardError.BaseStream, _log);
        await File.WriteAllTextAsync(PidPath, _process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);

        using var ping = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"influxd exited with code {_process.ExitCode} while starting; see {LogPath}:\n{Tail(LogPath)}");
            try
            {
                using var response = await ping.GetAsync(new Uri(Url, "ping"), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    _logger.LogInformation("influxd {Version} listening on {Url} (pid {Pid}, data {Dir})",
                        response.Headers.TryGetValues("X-Influxdb-Version", out var v) ? v.FirstOrDefault() : "?", Url, _process.Id, _options.DataDirectory);
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        await StopAsync().ConfigureAwait(false);
        throw new TimeoutException($"influxd did not answer /ping within {_options.StartTimeout.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>Stops influxd with SIGTERM (SIGKILL after 20 s) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is not null && !process.HasExited)
        {
            Signal(process.Id, SigTerm);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Signal(process.Id, SigKill);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
            _logger.LogInformation("influxd stopped");
        }
        process?.Dispose();
        _process = null;
        if (File.Exists(PidPath))
            File.Delete(PidPath);
        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
            _log = null;
        }
    }

    /// <summary>Kills influxd without letting it shut down (for crash tests).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Signal(process.Id, SigKill);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        await StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private string ConfigText(int rpcPort)
    {
        var dir = _options.DataDirectory;
        return $"""
            # Written by NetOps for its own local InfluxDB; regenerated on every start.
            reporting-enabled = false
            bind-address = "{_options.Host}:{rpcPort}"

            [meta]
              dir = "{dir}/meta"
              retention-autocreate = true
              logging-enabled = false

            [data]
              dir = "{dir}/data"
              wal-dir = "{dir}/wal"
              query-log-enabled = false
              wal-fsync-delay = "0s"

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "{_options.Host}:{_options.HttpPort}"
              auth-enabled = false
              log-enabled = false
              pprof-enabled = false
              max-body-size = {_options.MaxBodyBytes}

            [continuous_queries]
              enabled = true
              log-enabled = false
              run-interval = "{(int)Math.Max(1, _options.ContinuousQueryRunInterval.TotalSeconds)}s"

            [logging]
              level = "warn"
              suppress-logo = true
            """;
    }

    private void EnsurePortFree(int port, string what)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Parse(_options.Host == "localhost" ? "127.0.0.1" : _options.Host), port);
            probe.Start();
        }
        catch (SocketException)
        {
            throw new InvalidOperationException(
                $"Port {port} on {_options.Host} (influxd {what}) is already in use. Stop what listens there or choose another store.local.listen in config/netops.yaml.");
        }
    }

    private async Task StopStaleAsync()
    {
        if (!File.Exists(PidPath))
            return;
        if (int.TryParse(await File.ReadAllTextAsync(PidPath).ConfigureAwait(false), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && IsInfluxd(pid))
        {
            _logger.LogWarning("Stopping influxd (pid {Pid}) left running by an earlier NetOps run", pid);
            Signal(pid, SigTerm);
            for (var i = 0; i < 200 && IsInfluxd(pid); i++)
                await Task.Delay(100).ConfigureAwait(false);
            if (IsInfluxd(pid))
                Signal(pid, SigKill);
            for (var i = 0; i < 50 && IsInfluxd(pid); i++)
                await Task.Delay(100).ConfigureAwait(false);
        }
        File.Delete(PidPath);
    }

    private static bool IsInfluxd(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            return cmdline.Contains("influxd", StringComparison.Ordinal) && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task PumpAsync(Stream from, FileStream to)
    {
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (to)
                {
                    to.Write(buffer, 0, n);
                    to.Flush();
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (IOException)
        {
        }
    }

    private static string Tail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(20));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void Signal(int pid, int signal) => _ = kill(pid, signal);

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a plain int signature needs no source-generated marshalling
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
