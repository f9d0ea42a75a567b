using NetOps.Analyzer.Mining;
using NetOps.Analyzer.Inspection;
using NetOps.Capture;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>Runs synthesized traffic through the mining inspector (with the tests' own server names) and returns what it reported.</summary>
public static class MiningScenario
{
    public static List<NetOps.Analyzer.Inspection.Detection> Detect(SyntheticTraffic traffic) => Detect(traffic.Frames(), traffic.Names);

    public static List<NetOps.Analyzer.Inspection.Detection> Detect(IEnumerable<(long Nanos, byte[] Frame)> frames, TestServerNames? serverNames = null)
    {
        var sink = new DetectionList();
        var names = serverNames ?? new TestServerNames();
        var inspector = new MiningInspector(sink, MiningCorpusTests.ShippedLists, names);
        new InspectorHarness(names, inspector).Run(LinkType.Ethernet, frames);
        Assert.Equal(0, inspector.OpenFlows);
        return sink.Detections;
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

    /// <summary>Nothing reported at confirmed or probable.</summary>
    public static void NoStrongDetection(SyntheticTraffic traffic)
    {
        var strong = Detect(traffic).Where(d => d.Confidence >= DetectionConfidence.Probable).ToList();
        Assert.True(strong.Count == 0, string.Join("\n", strong.Select(d => $"{d.Confidence} {d.Protocol} {d.ServerPort}: {d.Evidence}")));
    }
}
