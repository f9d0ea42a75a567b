using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Tests.Decoding;
using NetOps.Analyzer.Traffic;

namespace NetOps.Analyzer.Tests.Pipeline;

/// <summary>
/// A fixed-seed fuzz run through the whole pipeline: mutated corpus frames (the decoder fuzz test's
/// mutations) with jittering, sometimes backward, capture times, into a small flow table and small
/// host bounds. Nothing throws; the table fills to its bound and every eviction is counted; every flow
/// that starts ends exactly once; memory stays bounded.
/// </summary>
public sealed class PipelineFuzzTests
{
    private const int Seed = 4_2026;
    private const int Mutants = 200_000;
    private const int MaxFlows = 2048;

    [Fact]
    public void Mutated_frames_never_throw_fill_the_table_to_its_bound_and_every_eviction_is_counted()
    {
        var seeds = CaptureCorpus.Files.Where(f => !CaptureCorpus.Refused.Contains(f))
            .SelectMany(CaptureCorpus.Frames)
            .Select(f => (f.LinkType, f.Data))
            .ToArray();
        var options = new AnalysisOptions
        {
            Flows = new() { MaxFlows = MaxFlows, IdleTimeout = TimeSpan.FromSeconds(60), ActiveTimeout = TimeSpan.FromSeconds(90) },
            Interval = TimeSpan.FromSeconds(10),
            MaxHosts = 1000,
            MaxApplicationRows = 50,
        };
        var pipeline = new AnalysisPipeline(options);
        var inspector = new CheckingInspector();
        pipeline.AddInspector(inspector);
        var intervals = new List<TrafficInterval>();
        pipeline.IntervalClosed += intervals.Add;
        var random = new Random(Seed);
        var buffer = new byte[70_000];
        long time = 1_764_000_000L * 1_000_000_000;
        long bytes = 0;
        long allocated = 0;
        for (var i = 0; i < Mutants; i++)
        {
            var (linkType, original) = seeds[random.Next(seeds.Length)];
            var length = DecoderFuzzTests.Mutate(random, original, buffer, ref linkType);
            var wireLength = random.Next(4) == 0 ? length + random.Next(1, 2000) : length;
            time += random.Next(20) == 0 ? -random.Next(5_000_000) : random.Next(2_000_000);
            inspector.FrameLength = length;
            var before = GC.GetAllocatedBytesForCurrentThread();
            pipeline.Process(new FrameHeader(time, length, wireLength, linkType, 0), buffer.AsSpan(0, length));
            if (i >= Mutants / 10)
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            bytes += wireLength;
            if (pipeline.Flows.Count > MaxFlows)
                Assert.Fail($"{pipeline.Flows.Count} flows in a table of {MaxFlows}");
            if (i % 50_000 == 0)
                pipeline.AdvanceTime(time + 70_000_000_000);
        }
        var result = pipeline.Complete();

        Assert.True(inspector.Problems.Count == 0, string.Join("\n", inspector.Problems.Take(5)) + $" ({inspector.Problems.Count})");
        var total = result.Total;
        Assert.Equal(Mutants, total.Traffic.Total.Packets);
        Assert.Equal(bytes, total.Traffic.Total.Bytes);
        Assert.Equal(MaxFlows, result.PeakFlows);
        Assert.True(total.Flows.Evicted > 1000, $"{total.Flows.Evicted} evictions");
        Assert.Equal(total.Flows.EvictedOneWay + total.Flows.EvictedTwoWay, total.Flows.EndedEvicted);
        Assert.Equal(total.Flows.Started, total.Flows.Ended);
        Assert.Equal(total.Flows.Evicted, intervals.Sum(i => i.Flows.Evicted));
        Assert.True(total.LimitReached);
        Assert.InRange(total.TopHosts.Count, 1, options.TopHosts);
        Assert.InRange(total.Applications.Count, 1, options.MaxApplicationRows);
        Assert.True(total.MalformedTotal > Mutants / 10);
        // Bounded: after the warm-up, 180,000 packets allocate only what the closing intervals and the bounded tables need (measured around Process alone).
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated after the warm-up, {intervals.Count} intervals");
    }

    /// <summary>Checks each call against its frame: payload within the frame, directions consistent, nothing after a flow's end.</summary>
    private sealed class CheckingInspector : IPayloadInspector
    {
        public int FrameLength { get; set; }

        // Preallocated (a flow id per packet at most, twice over for active-timeout restarts) so the test allocates nothing itself.
        private readonly bool[] _ended = new bool[2 * Mutants + 1];

        public List<string> Problems { get; } = [];

        public string Name => "checking";

        public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
        {
            if (payload.Length == 0 || payload.Length > FrameLength || context.Protocol is not (6 or 17) || context.PayloadPacketInDirection < 1)
                Problems.Add($"flow {context.FlowId}: payload {payload.Length} of {FrameLength}, protocol {context.Protocol}");
            if (_ended[context.FlowId])
                Problems.Add($"flow {context.FlowId}: payload after its end");
            return FlowInterest.Packets;
        }

        public bool EndOfEveryFlow => true;

        public void OnFlowEnd(in FlowSummary flow)
        {
            if (_ended[flow.FlowId])
                Problems.Add($"flow {flow.FlowId} ended twice");
            _ended[flow.FlowId] = true;
        }
    }
}
