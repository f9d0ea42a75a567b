using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetOps.Testing;

/// <summary>
/// Debian's snmpsimd serving the device recordings in ../shared/testdata/snmp/normalized (or the
/// .snmprec files of another folder), with the recipe shipped beside them; the community of each
/// device is its file name without .snmprec.
/// </summary>
public sealed class SnmpSimulator : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _port;

    private SnmpSimulator(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, _port);
    public static string Recordings => Path.Combine(TestDirectories.SharedTestData(), "snmp");

    public static async Task<SnmpSimulator> StartAsync(string? dataDirectory = null)
    {
        var directory = TestDirectories.Create("snmpsim");
        int port;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
        var (code, output) = await RunRecipeAsync("start", directory, port, dataDirectory);
        if (code != 0 || !output.Contains("serving", StringComparison.Ordinal))
            throw new InvalidOperationException("snmpsimd did not start: " + output);
        return new SnmpSimulator(directory, port);
    }

    public async ValueTask DisposeAsync()
    {
        await RunRecipeAsync("stop", _directory, _port);
        TestDirectories.Delete(_directory);
    }

    private static async Task<(int, string)> RunRecipeAsync(string verb, string directory, int port, string? dataDirectory = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Recordings, "recipes", "run-snmpsimd.sh"), verb])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NETOPS_SIM_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NETOPS_SIM_DIR"] = directory;
        if (dataDirectory is not null)
            start.Environment["NETOPS_SIM_DATA"] = dataDirectory;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + errors);
    }
}
