using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace NetOps.Perf.Snmp;

/// <summary>What net-snmp's snmpbulkwalk needed for a set of walks, as GNU time measured it (the children's CPU included).</summary>
/// <remarks>
/// <see cref="Lines"/> counts every line printed. <see cref="VarBinds"/> counts lines that start with a
/// numeric OID, exact only with one walk at a time: parallel walks share the pipe in 4 KiB writes,
/// which keeps the number of lines but may split a line between two walks' output.
/// </remarks>
public sealed record BulkwalkResult(double WallSeconds, double CpuSeconds, long Lines, long VarBinds, string? Failure);

/// <summary>
/// The peer: one <c>snmpbulkwalk</c> per device and table, run <c>parallel</c> at a time by
/// <c>xargs -P</c> under <c>/usr/bin/time</c>, no MIBs loaded, numeric output counted line by line.
/// </summary>
public static class BulkwalkPeer
{
    public static async Task<BulkwalkResult> RunAsync(IEnumerable<(IPEndPoint Agent, string Community)> devices, IReadOnlyList<string> roots,
        int maxRepetitions, int parallel, string directory, CancellationToken cancellationToken)
    {
        var arguments = Path.Combine(directory, $"bulkwalk-{Guid.NewGuid():N}.args");
        var timing = arguments + ".time";
        await File.WriteAllLinesAsync(arguments,
            devices.SelectMany(d => roots.Select(root => $"-c {d.Community} udp:{d.Agent} {root}")), cancellationToken);
        var start = new ProcessStartInfo("/usr/bin/time",
            ["-f", "%e %U %S", "-o", timing, "xargs", "-P", parallel.ToString(CultureInfo.InvariantCulture), "-L", "1", "-a", arguments,
             "snmpbulkwalk", "-v2c", $"-Cr{maxRepetitions}", "-On", "-Oq", "-t", "1", "-r", "2"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MIBS"] = "";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        // One line per varbind (numeric OIDs start with a dot); "End of MIB" and the like are not varbinds.
        long lines = 0, varBinds = 0;
        var atLineStart = true;
        var buffer = new char[65536];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer, cancellationToken)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (atLineStart && c == '.')
                    varBinds++;
                atLineStart = c == '\n';
                if (atLineStart)
                    lines++;
            }
        }
        await process.WaitForExitAsync(cancellationToken);
        var failure = process.ExitCode == 0 ? null : $"snmpbulkwalk failed (xargs exit {process.ExitCode}): {(await errors).Split('\n')[0]}";
        // GNU time's last line holds the figures (a line before it tells a non-zero exit).
        var figures = (await File.ReadAllLinesAsync(timing, cancellationToken)).Last(l => l.Length > 0).Split(' ').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new BulkwalkResult(figures[0], figures[1] + figures[2], lines, varBinds, failure);
    }
}
