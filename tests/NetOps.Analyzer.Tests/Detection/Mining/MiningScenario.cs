using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Mining;
using NetOps.Analyzer.Pipeline;
using NetOps.Capture;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>Runs frames through the analysis pipeline with the mining inspector (and the tests' own server names) and returns the detection log.</summary>
public static class MiningScenario
{
    /// <summary>rules/mining/behaviour.yaml, as the appliance loads it.</summary>
    public static MiningBehaviourPolicy ShippedPolicy { get; } =
        MiningBehaviourPolicy.Load(Path.Combine(NetOps.Testing.TestDirectories.RepositoryRoot(), "rules", "mining", "behaviour.yaml"));

    /// <summary>The traffic's frames, optionally edited (frames dropped, repeated or reordered) on the way.</summary>
    public static IReadOnlyList<NetOps.Analyzer.Inspection.Detection> Detect(SyntheticTraffic traffic,
        Func<List<(long Nanos, byte[] Frame)>, IEnumerable<(long Nanos, byte[] Frame)>>? edit = null)
    {
        var frames = edit is null ? traffic.Frames() : edit(traffic.Frames()).ToList();
        return Run(traffic.Names, pipeline =>
        {
            foreach (var (nanos, frame) in frames)
                pipeline.Process(new FrameHeader(nanos, frame.Length, frame.Length, LinkType.Ethernet, 0), frame);
        });
    }

    public static IReadOnlyList<NetOps.Analyzer.Inspection.Detection> DetectFile(string path) => Run(new TestServerNames(), pipeline =>
    {
        using var reader = CaptureFile.Open(path);
        pipeline.Run(reader);
    });

    private static IReadOnlyList<NetOps.Analyzer.Inspection.Detection> Run(TestServerNames names, Action<AnalysisPipeline> feed)
    {
        var log = new DetectionLog(serverNames: names);
        var inspector = new MiningInspector(log, MiningCorpusTests.ShippedLists, names, policy: ShippedPolicy);
        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        pipeline.AddInspector(names);
        pipeline.AddInspector(inspector);
        feed(pipeline);
        pipeline.Complete();
        Assert.Equal(0, inspector.OpenFlows);
        return log.Snapshot();
    }

    /// <summary>The one detection, which must be of the given confidence and protocol.</summary>
    public static NetOps.Analyzer.Inspection.Detection Single(SyntheticTraffic traffic, DetectionConfidence confidence, string protocol)
    {
        var detections = Detect(traffic);
        var detection = Assert.Single(detections);
        Assert.Equal((confidence, protocol), (detection.Confidence, detection.Protocol));
        Assert.Equal("mining", detection.Kind);
        Assert.Equal("mining", detection.Detector);
        return detection;
    }
}
