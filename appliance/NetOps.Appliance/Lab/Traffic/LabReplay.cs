using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace NetOps.Appliance.Lab.Traffic;

/// <summary>
/// Plays the lab's campus mix into the lab namespace with tcpreplay, over and over, at a steady rate,
/// so the live capture path runs on every <c>netops up</c>. The pcap is generated once under var/lab.
/// </summary>
internal sealed class LabReplay(LabNamespace space, string pcap, double megabitsPerSecond, ILogger logger) : IAsyncDisposable
{
    private Process? _process;

    /// <summary>Writes the lab's capture if it is not there yet; returns its path.</summary>
    public static string EnsureCapture(string directory, int seconds = 60, int hosts = 40)
    {
        Directory.CreateDirectory(directory);
        // The generator's output depends on its code; a new file name per format version keeps an old capture from lingering.
        var path = Path.Combine(directory, $"campus-mix-v1-{seconds}s-{hosts}h.pcap");
        if (!File.Exists(path))
        {
            var partial = path + ".partial";
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
                CampusMix.Write(file, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(seconds), hosts);
            File.Move(partial, path, overwrite: true);
        }
        return path;
    }

    public void Start()
    {
        var start = new ProcessStartInfo("ip")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "netns", "exec", space.Name, "tcpreplay", $"--intf1={space.ReplayInterface}", "--loop=0",
                     $"--mbps={megabitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "--quiet", pcap })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("tcpreplay did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
                logger.LogWarning("tcpreplay: {Line}", e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        logger.LogInformation("Lab: replaying {Pcap} into {Interface} in netns {Namespace} at {Rate} Mbit/s", pcap, space.ReplayInterface, space.Name, megabitsPerSecond);
    }

    public bool IsRunning => _process is { HasExited: false };

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
