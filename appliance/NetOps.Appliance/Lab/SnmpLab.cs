using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Appliance.Lab;

/// <summary>
/// The built-in lab's devices: Debian's snmpsimd serving <see cref="LabRecordings"/> on loopback,
/// each device reachable with its name as community. Started by <c>netops up</c> when no devices
/// are configured; stopped with it.
/// </summary>
internal sealed class SnmpLab(string directory, IPEndPoint endPoint, ILogger logger) : IAsyncDisposable
{
    private Process? _process;

    public IReadOnlyList<PolledDevice> Devices => LabRecordings.Campus
        .Select(d => new PolledDevice(d.Name, new SnmpTarget(endPoint, SnmpVersion.V2c, d.Name) { Timeout = TimeSpan.FromSeconds(2) }, d.Role, d.Location))
        .ToList();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var data = Path.Combine(directory, "data");
        var cache = Path.Combine(directory, "cache");
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        LabRecordings.Write(data);
        Directory.CreateDirectory(cache);
        var start = new ProcessStartInfo("snmpsimd")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.UserName == "root")
        {
            // snmpsimd refuses to run as root; it drops to nobody, who must read the data and write the cache.
            MakeReadableByAll(directory);
            Chown(cache, "nobody:nogroup");
            start.ArgumentList.Add("--process-user=nobody");
            start.ArgumentList.Add("--process-group=nogroup");
        }
        start.ArgumentList.Add($"--cache-dir={cache}");
        start.ArgumentList.Add($"--logging-method=file:{Path.Combine(directory, "snmpsimd.log")}");
        start.ArgumentList.Add($"--data-dir={data}");
        start.ArgumentList.Add($"--agent-udpv4-endpoint={endPoint}");
        _process = Process.Start(start) ?? throw new InvalidOperationException("snmpsimd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Ready when the first lab device answers.
        await using var client = new SnmpClient();
        var probe = Devices[0].Target with { Timeout = TimeSpan.FromMilliseconds(500), Retries = 0 };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"snmpsimd exited with code {_process.ExitCode}; see {Path.Combine(directory, "snmpsimd.log")}");
            try
            {
                await client.GetAsync(probe, [ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0")], cancellationToken);
                logger.LogInformation("Lab: {Count} simulated devices on udp {EndPoint} (snmpsimd, communities = device names)", LabRecordings.Campus.Length, endPoint);
                return;
            }
            catch (SnmpTimeoutException)
            {
            }
        }
        throw new TimeoutException("snmpsimd did not answer within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private static void MakeReadableByAll(string path)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).Append(path))
        {
            var mode = File.GetUnixFileMode(entry);
            var isDirectory = Directory.Exists(entry);
            mode |= UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            if (isDirectory)
                mode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(entry, mode);
        }
        // The folders above must be passable too.
        for (var dir = Directory.GetParent(path); dir is not null; dir = dir.Parent)
            File.SetUnixFileMode(dir.FullName, File.GetUnixFileMode(dir.FullName) | UnixFileMode.OtherExecute);
    }

    private static void Chown(string path, string owner)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", owner, path]) { UseShellExecute = false })!;
        chown.WaitForExit();
    }
}
