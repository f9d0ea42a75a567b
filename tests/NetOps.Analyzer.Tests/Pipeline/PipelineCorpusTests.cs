using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Pipeline;

/// <summary>Every capture of the corpus through the whole pipeline: no exception, nothing lost between the reader and the totals.</summary>
public sealed class PipelineCorpusTests
{
    [Theory]
    [MemberData(nameof(CaptureCorpus.FileNames), MemberType = typeof(CaptureCorpus))]
    public void Every_capture_is_analyzed_and_its_totals_equal_the_readers(string file)
    {
        if (CaptureCorpus.Refused.Contains(file))
        {
            CaptureCorpus.AssertRefused(file);
            return;
        }
        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        var inspector = new RecordingInspector();
        pipeline.AddInspector(inspector);
        var intervals = new List<Traffic.TrafficInterval>();
        pipeline.IntervalClosed += intervals.Add;
        using var reader = CaptureFile.Open(CaptureCorpus.PathOf(file));
        pipeline.BeginSource(file);
        pipeline.Run(reader);
        var result = pipeline.Complete();

        var total = result.Total;
        Assert.Equal(reader.Statistics.Frames, total.Traffic.Total.Packets);
        Assert.Equal(reader.Statistics.Bytes, total.Traffic.Total.Bytes);
        Assert.Equal(total.Traffic, Assert.Single(result.Sources).Traffic);
        Assert.Equal(total.Traffic.Total, intervals.Select(i => i.Traffic.Total).Aggregate(default(Traffic.TrafficCounts), (a, b) => a + b));
        Assert.Equal(total.Flows.Started, total.Flows.Ended);
        Assert.Equal(total.Flows.Started, intervals.Sum(i => i.Flows.Started));
        Assert.Equal(0, total.Flows.Evicted);
        // Every IP packet is in one flow; every flow's bytes reach the application table exactly once.
        var ipPackets = total.Traffic.Ipv4.Packets + total.Traffic.Ipv6.Packets;
        Assert.Equal(ipPackets, total.Applications.Sum(a => a.Packets));
        Assert.Equal(total.Traffic.Ipv4.Bytes + total.Traffic.Ipv6.Bytes, total.Applications.Sum(a => a.Bytes));
        Assert.Equal(total.Flows.Started, total.Applications.Sum(a => a.Flows));
        Assert.Equal(ipPackets, intervals.Sum(i => i.Applications.Sum(a => a.Packets)));
        Assert.Equal(inspector.Payloads.Select(p => p.Context.FlowId).Distinct().Count(), inspector.Ended.Count(e => inspector.Payloads.Any(p => p.Context.FlowId == e.FlowId)));
        Assert.Equal(inspector.Ended.Count, inspector.Ended.Select(e => e.FlowId).Distinct().Count());
    }
}
