using System.Globalization;

namespace NetOps.Perf.Measuring;

/// <summary>The lab's campus mix (what <c>netops up</c> replays), written once into var/perf by <c>netops lab traffic</c>.</summary>
public static class CampusMixCapture
{
    public const int Seconds = 60;
    public const int Hosts = 40;

    public static async Task<string> EnsureAsync(string home, CancellationToken cancellationToken)
    {
        var path = Path.Combine(home, "var", "perf", $"campus-mix-{Seconds}s-{Hosts}h.pcap");
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        var (code, _, errors) = await Tool.RunAsync("dotnet", [NetOpsProgram.Dll(home), "lab", "traffic", "--out", partial,
            "--seconds", Seconds.ToString(CultureInfo.InvariantCulture), "--hosts", Hosts.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        if (code != 0)
            throw new InvalidOperationException($"netops lab traffic failed ({code}): {errors.Trim()}");
        File.Move(partial, path, overwrite: true);
        return path;
    }
}

/// <summary>The netops program as ./netops runs it: var/app, published ReadyToRun (Release) by perf/run through `./netops build`.</summary>
public static class NetOpsProgram
{
    public static string Dll(string home)
    {
        var path = Path.Combine(home, "var", "app", "netops.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("perf/run builds the appliance first (./netops build); not found: " + path);
    }
}
