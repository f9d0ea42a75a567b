using System.Diagnostics;

namespace NetOps.Testing;

/// <summary>net-snmp's command-line tools (snmpget, snmpbulkwalk, snmptrap, snmpinform…), the reference NetOps is compared with.</summary>
public static class NetSnmpTools
{
    /// <summary>Runs a tool without loading MIBs; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["MIBS"] = "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
