using System.Diagnostics;

namespace NetOps.Testing;

/// <summary>Wireshark's tshark, the reference NetOps's decoding is compared with.</summary>
public static class Tshark
{
    /// <summary>Runs tshark; returns its exit code, standard output and standard error apart.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("tshark", args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
