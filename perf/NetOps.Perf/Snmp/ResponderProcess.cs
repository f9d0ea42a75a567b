using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace NetOps.Perf.Snmp;

/// <summary>The <see cref="LoadResponder"/> in a process of its own on 127.0.0.1, so its CPU is not the poller's.</summary>
public sealed class ResponderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ResponderProcess(Process process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static async Task<ResponderProcess> StartAsync(int devices, CancellationToken cancellationToken)
    {
        var self = typeof(ResponderProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [self, "responder", "--devices", devices.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var ready = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the SNMP load responder did not start (said: {ready})");
        }
        return new ResponderProcess(process, new IPEndPoint(IPAddress.Loopback, int.Parse(ready[6..], CultureInfo.InvariantCulture)));
    }

    /// <summary>The responder's CPU time so far (user + system).</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    /// <summary>Requests answered and varbinds sent so far.</summary>
    public async Task<(long Requests, long VarBinds)> CountsAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("stats".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("the SNMP load responder exited");
        var words = line.Split(' ');
        return (long.Parse(words[1], CultureInfo.InvariantCulture), long.Parse(words[3], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close(); // the responder exits when its stdin closes
        if (!_process.WaitForExit(5000))
            _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
