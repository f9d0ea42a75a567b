using System.Diagnostics;
using System.Net;

namespace NetOps.Testing;

/// <summary>A real net-snmp snmpd on 127.0.0.1 and a free UDP port, with the configuration a test gives it and nothing else.</summary>
public sealed class SnmpdProcess : IAsyncDisposable
{
    private readonly OwnedProcess _process;

    private SnmpdProcess(OwnedProcess process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }
    public string Address => $"udp:127.0.0.1:{EndPoint.Port}";

    /// <summary>Starts snmpd with <paramref name="config"/>; ready once it answers <paramref name="community"/> with net-snmp's own snmpget.</summary>
    public static async Task<SnmpdProcess> StartAsync(string config, string community)
    {
        var directory = TestDirectories.Create("snmpd");
        var port = OwnedProcess.FreeUdpPort();
        var file = Path.Combine(directory, "snmpd.conf");
        await File.WriteAllTextAsync(file, config);
        var log = Path.Combine(directory, "snmpd.log");
        var start = new ProcessStartInfo("snmpd", ["-f", "-C", "-c", file, "-Lf", log, "-p", Path.Combine(directory, "snmpd.pid"), $"udp:127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SNMP_PERSISTENT_DIR"] = directory;
        start.Environment["MIBS"] = "";
        var process = Process.Start(start)!;
        var agent = new SnmpdProcess(new OwnedProcess(process, directory), new IPEndPoint(IPAddress.Loopback, port));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException("snmpd exited: " + await File.ReadAllTextAsync(log));
            var (code, _) = await NetSnmpTools.RunAsync("snmpget", "-v2c", "-c", community, "-t", "0.5", "-r", "0", agent.Address, "1.3.6.1.2.1.1.5.0");
            if (code == 0)
                return agent;
            await Task.Delay(100);
        }
        await agent.DisposeAsync();
        throw new TimeoutException("snmpd did not answer within 20 s");
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
