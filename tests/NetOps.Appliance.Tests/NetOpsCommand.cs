using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary>Runs the built <c>netops</c> program as a separate process, as a user would.</summary>
internal sealed class NetOpsCommand : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private NetOpsCommand(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public string Output => Stdout + Stderr;

    /// <summary>The netops.dll the solution build produced, in the same configuration as these tests.</summary>
    public static string AppDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // .../<Configuration>/net10.0/
        var path = Path.Combine(TestDirectories.RepositoryRoot(), "var", "build", "bin", "NetOps.Appliance", configuration, "net10.0", "netops.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: " + path);
    }

    public static NetOpsCommand Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NETOPS_HOME"] = workingDirectory;
        return new NetOpsCommand(Process.Start(start)!);
    }

    public static async Task<NetOpsCommand> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var command = Start(workingDirectory, args);
        await command.WaitAsync(timeout);
        return command;
    }

    public async Task WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"netops did not finish within {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // drains the output readers
    }

    public async Task StandardInputWriteAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        _process.StandardInput.Close();
    }

    public void Signal(int signal) => _ = kill(_process.Id, signal);

    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
