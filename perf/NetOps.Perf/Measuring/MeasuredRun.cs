using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NetOps.Perf.Measuring;

/// <summary>What one measured run of a command cost: wall time, CPU time and peak resident memory.</summary>
public sealed record MeasuredRun(string Command, int ExitCode, double WallSeconds, double UserSeconds, double SystemSeconds, long PeakRssBytes, string StdoutPath, string StderrPath)
{
    public double CpuSeconds => UserSeconds + SystemSeconds;

    public string Stdout() => File.ReadAllText(StdoutPath);

    public string Stderr() => File.ReadAllText(StderrPath);

    /// <summary>Fails with the command's own words when it did not exit 0.</summary>
    public MeasuredRun EnsureSuccess()
    {
        if (ExitCode != 0)
            throw new InvalidOperationException($"{Command} exited with {ExitCode}: {Tail(Stderr())}");
        return this;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text[^2000..].Trim();
}

/// <summary>
/// Runs a command pinned to one core (<c>taskset -c 1</c>) under GNU <c>time -v</c>, which reports
/// its peak RSS and CPU time; wall time is measured here around the whole run. Output goes to files
/// (a pipe read by this process would cost the tool time).
/// </summary>
public static partial class MeasuredCommand
{
    public const int Core = 1;

    public static async Task<MeasuredRun> RunAsync(string directory, string label, string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stats = Path.Combine(directory, label + ".time");
        var stdout = Path.Combine(directory, label + ".out");
        var stderr = Path.Combine(directory, label + ".err");
        // sh only redirects and execs GNU time, which runs taskset, which execs the program.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec \"$0\" \"$@\" >\"$NETOPS_PERF_OUT\" 2>\"$NETOPS_PERF_ERR\"",
                     "/usr/bin/time", "-v", "-o", stats, "taskset", "-c", Core.ToString(CultureInfo.InvariantCulture), program, .. args])
            start.ArgumentList.Add(arg);
        start.Environment["NETOPS_PERF_OUT"] = stdout;
        start.Environment["NETOPS_PERF_ERR"] = stderr;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /bin/sh");
        await process.WaitForExitAsync(cancellationToken);
        var wall = clock.Elapsed.TotalSeconds;
        var command = program + " " + string.Join(' ', args);
        var report = File.Exists(stats) ? await File.ReadAllTextAsync(stats, cancellationToken) : "";
        return new MeasuredRun(command, process.ExitCode, wall,
            Seconds(UserTime(), report), Seconds(SystemTime(), report), (long)Seconds(MaxRss(), report) * 1024, stdout, stderr);
    }

    private static double Seconds(Regex pattern, string report)
    {
        var match = pattern.Match(report);
        if (!match.Success)
            throw new InvalidOperationException("GNU time printed no " + pattern + ": " + report);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"User time \(seconds\): ([0-9.]+)")]
    private static partial Regex UserTime();

    [GeneratedRegex(@"System time \(seconds\): ([0-9.]+)")]
    private static partial Regex SystemTime();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();
}
