using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Session;
using NetOps.Capture.Live;
using NetOps.Perf.Measuring;
using NetOps.Testing;

namespace NetOps.Perf.Benchmarks;

/// <summary>
/// The live path's highest zero-drop rate: the lab's campus mix replayed by tcpreplay (pinned to
/// core 0) at rising rates into a veth pair in a namespace made here, captured by LiveCapture on a
/// thread pinned to core 1 that feeds the appliance's analysis session (the pipeline with every
/// detector, as <c>netops up</c> runs it). A rate passes when every frame tcpreplay sent was read and
/// analyzed, libpcap dropped none (pcap_stats) and the capturing veth end dropped none (its rx_dropped). The row is the
/// highest rate tcpreplay actually reached (its own "Rated" figure) that passed. tcpreplay preloads
/// the file into memory, so the sender does not wait for the disk.
/// </summary>
public sealed partial class LiveReplayRate : IBenchmark
{
    private static readonly int[] Rates = [100, 250, 500, 750, 1000, 1500, 2000, 3000];
    private static readonly TimeSpan StepLength = TimeSpan.FromSeconds(4);
    private const int ReplayCore = 0;
    private const int CaptureCore = 1;

    public string Name => "live";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("the live benchmark needs root: it creates a network namespace with a veth pair");
        var mix = await CampusMixCapture.EnsureAsync(settings.Home, cancellationToken);
        var fileBytes = new FileInfo(mix).Length;
        using var space = await TestNetworkNamespace.CreateAsync();
        double best = 0;
        var steps = new List<string>();
        var end = "no loss at any rate tried";
        var senderLimited = new List<int>();
        foreach (var rate in settings.Quick ? [100, 500, 1000] : Rates)
        {
            var loops = (int)Math.Max(1, Math.Ceiling(StepLength.TotalSeconds * rate * 1e6 / 8 / fileBytes));
            var step = await StepAsync(space, mix, rate, loops, Path.Combine(settings.Home, "rules"), cancellationToken);
            Console.Error.WriteLine($"  {rate} Mbit/s asked: {step}");
            steps.Add($"{rate}: {step.ReachedMbps:N0} Mbit/s{(step.ZeroDrops ? "" : " with loss")}");
            if (!step.ZeroDrops)
            {
                end = $"first loss at {rate} Mbit/s asked ({step})";
                break;
            }
            best = Math.Max(best, step.ReachedMbps);
            if (step.ReachedMbps < 0.9 * rate)
                senderLimited.Add(rate);
        }
        if (senderLimited.Count > 0)
            end += $"; tcpreplay fell short of the rate asked at {string.Join(", ", senderLimited)} Mbit/s (the sender was the limit there, not the capture)";
        return
        [
            new BenchmarkRow("Live capture, highest zero-drop replay rate (campus mix through veth, capture on one core)", best, 1000,
                "1 Gbit/s, the issue's aim", "Mbit/s", 1, true,
                $"LiveCapture feeding the analysis session (pipeline, detectors); steps asked→reached: {string.Join(", ", steps)}; {end}")
            {
                AbsoluteTarget = "≥ 1,000 Mbit/s",
                AbsolutePass = best >= 1000,
            },
        ];
    }

    private static async Task<Step> StepAsync(TestNetworkNamespace space, string mix, int rate, int loops, string rules, CancellationToken cancellationToken)
    {
        var interfaceDropsBefore = await InterfaceDropsAsync(space);
        using var capture = LiveCapture.Open(new LiveCaptureOptions { Interface = space.CaptureInterface, NetworkNamespace = space.Name });
        var session = AnalysisSession.Create(rules, TimeSpan.FromSeconds(10), () => capture.ReadKernelStatistics().Dropped);
        var analysis = new PipelineFrameConsumer(session.Pipeline);
        var reader = new Thread(() =>
        {
            CoreAffinity.PinCurrentThread(CaptureCore);
            LiveRead read;
            while ((read = capture.Read(out var header, out var frame)) != LiveRead.Stopped)
            {
                if (read == LiveRead.Frame)
                    analysis.OnFrame(header, frame);
                else
                    analysis.OnIdle((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100);
            }
            analysis.OnEnd();
        }) { IsBackground = true, Name = "live capture " + rate };
        reader.Start();
        TcpreplayReport report;
        string output;
        try
        {
            output = await space.ExecAsync("taskset", "-c", ReplayCore.ToString(CultureInfo.InvariantCulture), "tcpreplay", "--preload-pcap", $"--intf1={space.ReplayInterface}",
                $"--mbps={rate.ToString(CultureInfo.InvariantCulture)}", $"--loop={loops.ToString(CultureInfo.InvariantCulture)}", mix);
            report = TcpreplayReport.Parse(output);
            // What is in the ring buffer yet is read before the counters are taken.
            var last = -1L;
            while (capture.Statistics.Frames < report.Sent && capture.Statistics.Frames != last)
            {
                last = capture.Statistics.Frames;
                await Task.Delay(300, cancellationToken);
            }
        }
        finally
        {
            capture.Stop();
            reader.Join();
        }
        var kernel = capture.ReadKernelStatistics();
        var interfaceDrops = await InterfaceDropsAsync(space) - interfaceDropsBefore;
        var rated = Rated().Match(output);
        var reached = rated.Success ? double.Parse(rated.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new Step(rate, reached, report.Sent, report.Failed, capture.Statistics.Frames, analysis.Result!.Total.Traffic.Total.Packets, kernel.Dropped, interfaceDrops);
    }

    /// <summary>The capturing veth end's receive drops, as <c>ip -s -j link</c> reports them inside the namespace.</summary>
    private static async Task<long> InterfaceDropsAsync(TestNetworkNamespace space)
    {
        var json = await ExternalTool.RunCheckedAsync("ip", "-n", space.Name, "-s", "-j", "link", "show", space.CaptureInterface);
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].GetProperty("stats64").GetProperty("rx").GetProperty("dropped").GetInt64();
    }

    [GeneratedRegex(@"Rated:\s+[0-9.]+\s+Bps,\s+([0-9.]+)\s+Mbps")]
    private static partial Regex Rated();

    private sealed record Step(int AskedMbps, double ReachedMbps, long Sent, long FailedToSend, long Read, long Analyzed, long KernelDropped, long InterfaceDropped)
    {
        public bool ZeroDrops => FailedToSend == 0 && Read == Sent && Analyzed == Sent && KernelDropped == 0 && InterfaceDropped == 0;

        public override string ToString() =>
            $"reached {ReachedMbps:N1} Mbit/s, sent {Sent:N0} (failed {FailedToSend:N0}), read {Read:N0}, analyzed {Analyzed:N0}, pcap dropped {KernelDropped:N0}, veth dropped {InterfaceDropped:N0}";
    }
}
