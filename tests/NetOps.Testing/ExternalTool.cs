using System.Diagnostics;

namespace NetOps.Testing;

/// <summary>Runs a peer tool (tshark, tcpreplay, ip...) and returns what it printed.</summary>
public static class ExternalTool
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Runs a tool that must succeed; its errors go into the exception otherwise.</summary>
    public static async Task<string> RunCheckedAsync(string tool, params string[] args)
    {
        var (code, output, errors) = await RunAsync(tool, args);
        if (code != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {code}: {errors.Trim()}");
        return output;
    }
}
