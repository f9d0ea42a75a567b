using System.Globalization;
using System.Text.RegularExpressions;
using NetOps.Perf.Measuring;

namespace NetOps.Perf.Benchmarks;

/// <summary>
/// The analyzer against its peers on one capture of about 1M packets, every tool on one core
/// (taskset) under GNU time: ndpiReader (every detector on, as it ships), tshark's IP
/// conversations, and tcpdump copying the file to /dev/null as the read floor. Packets per
/// second are packets / CPU time (user + system) of the whole run, start-up included for every
/// tool alike: this machine is shared (other builds and tests run on both cores), and CPU time
/// on the pinned core is what a tool costs whatever else runs, where wall time is not. The note
/// gives the wall-time figures too. Runs alternate between the tools; the best run of each
/// counts, peak memory is the highest seen.
/// </summary>
public sealed partial class AnalyzerVsPeers : IBenchmark
{
    public string Name => "analyzer";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var (capture, packets) = await BenchCapture.EnsureAsync(settings.Home, cancellationToken);
        var dir = Path.Combine(settings.WorkDirectory, "analyzer");
        var rounds = settings.Quick ? 1 : 3;
        var tools = new PeerTool[]
        {
            new("NetOps", "dotnet", [NetOpsProgram.Dll(settings.Home), "analyze", capture, "--json"], run => CheckNetOpsCount(run, packets)),
            new("NetOps traffic only", "dotnet", [NetOpsProgram.Dll(settings.Home), "analyze", capture, "--json", "--traffic-only"], run => CheckNetOpsCount(run, packets)),
            new("tcpdump", "tcpdump", ["-r", capture, "-w", "/dev/null"], _ => { }),
            new("ndpiReader", "ndpiReader", ["-i", capture], run => CheckNdpiCount(run, packets)),
            new("tshark", "tshark", ["-q", "-z", "conv,ip", "-r", capture], run =>
            {
                if (!run.Stdout().Contains("IPv4 Conversations", StringComparison.Ordinal))
                    throw new InvalidOperationException("tshark printed no IPv4 conversation table");
            }),
        };
        var best = new Dictionary<string, Best>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var tool in tools)
            {
                var run = (await MeasuredCommand.RunAsync(dir, $"{tool.Label}-{round}", tool.Program, tool.Args, cancellationToken)).EnsureSuccess();
                tool.Check(run);
                Console.Error.WriteLine($"  run {round + 1}: {tool.Label} {packets / run.CpuSeconds:N0} packets/CPU-s, {run.CpuSeconds:0.00} s CPU, {run.WallSeconds:0.00} s wall, peak RSS {run.PeakRssBytes / 1048576.0:N0} MiB");
                best[tool.Label] = best.TryGetValue(tool.Label, out var seen) ? seen.With(run) : new Best(run);
            }
        }

        var netOps = best["NetOps"];
        var trafficOnly = best["NetOps traffic only"];
        var tcpdump = best["tcpdump"];
        var ndpi = best["ndpiReader"];
        var tshark = best["tshark"];
        var input = $"{packets:N0} packets, {new FileInfo(capture).Length / 1048576.0:N0} MiB, one core";
        return
        [
            new BenchmarkRow($"Analyzer, packets/s ({input}, every detector on)", packets / netOps.CpuSeconds, packets / ndpi.CpuSeconds, "ndpiReader -i FILE", "pkt/s", 5, true,
                $"NetOps is `netops analyze FILE --json` (Release); {netOps.Describe("NetOps", packets, rounds)}; {ndpi.Describe("ndpiReader", packets, rounds)}"),
            new BenchmarkRow("Analyzer vs the read floor, packets/s", packets / netOps.CpuSeconds, packets / tcpdump.CpuSeconds, "tcpdump -r FILE -w /dev/null", "pkt/s", 0.25, true,
                tcpdump.Describe("tcpdump", packets, rounds)),
            new BenchmarkRow("Analyzer vs tshark's IP conversations, packets/s", packets / netOps.CpuSeconds, packets / tshark.CpuSeconds, "tshark -q -z conv,ip -r FILE", "pkt/s", 1, true,
                tshark.Describe("tshark", packets, rounds) + $", peak RSS {tshark.PeakRssBytes / 1048576.0:N0} MiB"),
            new BenchmarkRow("Detection cost: every detector on vs traffic only, packets/s", packets / netOps.CpuSeconds, packets / trafficOnly.CpuSeconds,
                "netops analyze --traffic-only", "pkt/s", 0.8, true,
                $"issue 5: detection may cost at most 20 % of the analyzer's throughput; {trafficOnly.Describe("--traffic-only", packets, rounds)}, peak RSS {trafficOnly.PeakRssBytes / 1048576.0:N0} MiB"),
            new BenchmarkRow("Analyzer peak memory (RSS)", netOps.PeakRssBytes / 1048576.0, ndpi.PeakRssBytes / 1048576.0, "ndpiReader -i FILE", "MiB", 1, false,
                "peak resident set size by GNU time -v, highest of the runs"),
        ];
    }

    /// <summary>NetOps's JSON must count the whole capture.</summary>
    private static void CheckNetOpsCount(MeasuredRun run, long packets)
    {
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(run.StdoutPath));
        var counted = report.RootElement.GetProperty("packets").GetInt64();
        if (counted != packets)
            throw new InvalidOperationException($"netops analyze counted {counted} of {packets} packets");
    }

    /// <summary>ndpiReader says "IP packets: N of M packets total"; M must be the whole capture.</summary>
    private static void CheckNdpiCount(MeasuredRun run, long packets)
    {
        var match = NdpiTotal().Match(run.Stdout());
        if (!match.Success || long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) != packets)
            throw new InvalidOperationException($"ndpiReader did not read all {packets} packets ({(match.Success ? match.Groups[1].Value : "no total printed")})");
    }

    [GeneratedRegex(@"of (\d+) packets total")]
    private static partial Regex NdpiTotal();

    private sealed record PeerTool(string Label, string Program, string[] Args, Action<MeasuredRun> Check);

    /// <summary>The least CPU time, the shortest wall time and the highest peak memory of a tool's runs.</summary>
    private sealed record Best(double CpuSeconds, double WallSeconds, long PeakRssBytes)
    {
        public Best(MeasuredRun run) : this(run.CpuSeconds, run.WallSeconds, run.PeakRssBytes)
        {
        }

        public Best With(MeasuredRun run) =>
            new(Math.Min(CpuSeconds, run.CpuSeconds), Math.Min(WallSeconds, run.WallSeconds), Math.Max(PeakRssBytes, run.PeakRssBytes));

        public string Describe(string tool, long packets, int rounds) =>
            $"{tool} best of {rounds}: {CpuSeconds:0.00} s CPU, {WallSeconds:0.00} s wall ({packets / WallSeconds:N0} packets/s by wall time)";
    }
}
