using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetOps.Testing;

namespace NetOps.Snmp.Tests;

/// <summary>A real net-snmp snmpd on 127.0.0.1 and a free UDP port, with its own configuration only.</summary>
public sealed class SnmpdServer : IAsyncLifetime
{
    public const string Community = "netops-ro";
    private Process? _process;
    private string _dir = "";

    public IPEndPoint EndPoint { get; private set; } = null!;
    public string Address => $"udp:127.0.0.1:{EndPoint.Port}";

    public async Task InitializeAsync()
    {
        _dir = TestDirectories.Create("snmpd");
        var port = FreeUdpPort();
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        var config = Path.Combine(_dir, "snmpd.conf");
        await File.WriteAllTextAsync(config, V3Users.Config() + $"""
            rocommunity {Community} 127.0.0.1
            sysName netops-snmpd
            sysLocation 实验室 lab rack 1
            sysContact noc@example.invalid
            sysServices 72
            """);
        var start = new ProcessStartInfo("snmpd", ["-f", "-C", "-c", config, "-Lf", Path.Combine(_dir, "snmpd.log"), "-p", Path.Combine(_dir, "snmpd.pid"), $"udp:127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SNMP_PERSISTENT_DIR"] = _dir;
        start.Environment["MIBS"] = "";
        _process = Process.Start(start)!;
        // Ready once it answers: ask for sysName with net-snmp's own client.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("snmpd exited: " + await File.ReadAllTextAsync(Path.Combine(_dir, "snmpd.log")));
            var (code, _) = await NetSnmpTools.RunAsync("snmpget", "-v2c", "-c", Community, "-t", "0.5", "-r", "0", Address, "1.3.6.1.2.1.1.5.0");
            if (code == 0)
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException("snmpd did not answer within 20 s");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        TestDirectories.Delete(_dir);
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
