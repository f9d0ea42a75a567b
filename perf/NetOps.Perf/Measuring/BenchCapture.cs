using System.Globalization;

namespace NetOps.Perf.Measuring;

/// <summary>
/// The analyzer benchmark's input: about 1,050,000 packets built from the real captures by
/// <c>../shared/testdata/make-bench.sh</c> into var/perf/, built once and reused.
/// </summary>
public static class BenchCapture
{
    public const long Packets = 1_050_000;

    /// <summary>The capture's path and its packet count (as capinfos counts it).</summary>
    public static async Task<(string Path, long Packets)> EnsureAsync(string home, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(home, "var", "perf");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"bench-{Packets}.pcap");
        if (!File.Exists(path))
        {
            var script = Path.Combine(SharedTestData(home), "make-bench.sh");
            Console.Error.WriteLine($"  building the benchmark capture with {script} …");
            var partial = path + ".partial";
            var (code, _, errors) = await Tool.RunAsync("bash", [script, partial, Packets.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            if (code != 0)
                throw new InvalidOperationException($"make-bench.sh failed ({code}): {errors.Trim()}");
            File.Move(partial, path, overwrite: true);
        }
        var (status, output, error) = await Tool.RunAsync("capinfos", ["-c", "-M", "-T", "-r", path], cancellationToken);
        if (status != 0)
            throw new InvalidOperationException($"capinfos {path}: {error.Trim()}");
        return (path, long.Parse(output.Trim().Split('\t')[^1], CultureInfo.InvariantCulture));
    }

    /// <summary>../shared/testdata beside the repository (or beside one of its parents).</summary>
    public static string SharedTestData(string home)
    {
        for (var dir = new DirectoryInfo(home); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/testdata above {home}");
    }
}
