using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Traffic;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Pipeline;

/// <summary>In steady state (within an interval, hosts and applications already known) the pipeline allocates nothing per packet, evictions and flow reports included.</summary>
public sealed class PipelineAllocationTests
{
    [Fact]
    public void Processing_the_corpus_again_within_an_interval_allocates_zero_bytes()
    {
        var frames = CaptureCorpus.Files.Where(f => !CaptureCorpus.Refused.Contains(f)).SelectMany(CaptureCorpus.Frames).ToArray();
        var policy = ApplicationPorts.Load(Path.Combine(TestDirectories.RepositoryRoot(), "rules", "applications", "ports.yaml"));
        var pipeline = new AnalysisPipeline(new AnalysisOptions { Applications = policy, Interval = TimeSpan.FromHours(1), Flows = new() { MaxFlows = 512 } });
        var inspector = new CountingInspector();
        pipeline.AddInspector(inspector);
        long time = 1_764_000_000L * 1_000_000_000;
        // Two passes first: flows still open after the first are reported (their hosts added) during the second.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var frame in frames)
                pipeline.Process(new FrameHeader(time += 1000, frame.Data.Length, frame.OriginalLength, frame.LinkType, 0), frame.Data);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var frame in frames)
            pipeline.Process(new FrameHeader(time += 1000, frame.Data.Length, frame.OriginalLength, frame.LinkType, 0), frame.Data);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(pipeline.Flows.EvictedTotal > 1000, $"{pipeline.Flows.EvictedTotal} evictions");
        Assert.True(inspector.Payloads > 10_000 && inspector.Ends > 1000);
    }

    private sealed class CountingInspector : NetOps.Analyzer.Inspection.IPayloadInspector
    {
        public long Payloads { get; private set; }

        public long Ends { get; private set; }

        public string Name => "counting";

        public NetOps.Analyzer.Inspection.FlowInterest Inspect(in NetOps.Analyzer.Inspection.PayloadContext context, ReadOnlySpan<byte> payload)
        {
            Payloads++;
            return NetOps.Analyzer.Inspection.FlowInterest.Packets;
        }

        public bool EndOfEveryFlow => true;

        public void OnFlowEnd(in NetOps.Analyzer.Inspection.FlowSummary flow) => Ends++;
    }
}
