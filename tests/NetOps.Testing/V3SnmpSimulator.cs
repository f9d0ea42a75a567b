using System.Diagnostics;
using System.Net;

namespace NetOps.Testing;

/// <summary>An SNMPv3 user of snmpsimd, with its protocols spelled as snmpsimd spells them (SHA, AES256, AES256BLMT…).</summary>
public sealed record SimulatorUser(string Name, string AuthProtocol, string AuthKey, string PrivProtocol, string PrivKey);

/// <summary>
/// Debian's snmpsimd serving one recording of ../shared/testdata/snmp/normalized to SNMPv3 users a
/// test chooses, launched the way recipes/run-snmpsimd.sh launches it (loopback, a free port, as
/// nobody when run as root). The v3 context is the recording's name.
/// </summary>
public sealed class V3SnmpSimulator : IAsyncDisposable
{
    private readonly OwnedProcess _process;

    private V3SnmpSimulator(OwnedProcess process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static async Task<V3SnmpSimulator> StartAsync(string recording, IReadOnlyList<SimulatorUser> users)
    {
        var directory = TestDirectories.Create("snmpsim-v3");
        var data = Directory.CreateDirectory(Path.Combine(directory, "data")).FullName;
        var cache = Directory.CreateDirectory(Path.Combine(directory, "cache")).FullName;
        File.Copy(Path.Combine(SnmpSimulator.Recordings, "normalized", recording + ".snmprec"), Path.Combine(data, recording + ".snmprec"));
        var port = OwnedProcess.FreeUdpPort();
        var log = Path.Combine(directory, "snmpsimd.log");
        var args = new List<string>();
        if (Environment.UserName == "root")
        {
            // snmpsimd refuses to run as root; its cache must be writable by the user it becomes.
            await RunAsync("chmod", "-R", "a+rX", directory);
            await RunAsync("chown", "nobody:nogroup", cache);
            args.AddRange(["--process-user=nobody", "--process-group=nogroup"]);
        }
        // --v3-engine-id first: the options after it belong to that engine.
        args.AddRange([$"--cache-dir={cache}", $"--logging-method=file:{log}", "--v3-engine-id=8000000001020304",
            $"--data-dir={data}", $"--agent-udpv4-endpoint=127.0.0.1:{port}"]);
        foreach (var user in users)
        {
            args.AddRange([$"--v3-user={user.Name}", $"--v3-auth-proto={user.AuthProtocol}", $"--v3-auth-key={user.AuthKey}",
                $"--v3-priv-proto={user.PrivProtocol}", $"--v3-priv-key={user.PrivKey}"]);
        }
        var start = new ProcessStartInfo("snmpsimd", args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException("snmpsimd exited: " + (File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log"));
            if (File.Exists(log) && (await File.ReadAllTextAsync(log)).Contains("Listening at", StringComparison.Ordinal))
                return new V3SnmpSimulator(new OwnedProcess(process, directory), new IPEndPoint(IPAddress.Loopback, port));
            await Task.Delay(100);
        }
        await new OwnedProcess(process, directory).DisposeAsync();
        throw new TimeoutException("snmpsimd did not start within 60 s");
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task RunAsync(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
    }
}
