using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Analyzer.Tests.Mining;

public class DetectionPointTests
{
    [Fact]
    public void Every_mining_detection_of_the_corpus_is_a_point_the_schema_declares_in_events()
    {
        var detections = MiningScenario.DetectFile(CaptureCorpus.PathOf("ndpi/mining.pcapng"));
        Assert.NotEmpty(detections);
        foreach (var detection in detections)
        {
            var point = DetectionPoint.From(detection);
            Assert.Empty(StoreSchema.Current.Violations(point));
            Assert.Equal("events", point.RetentionPolicy);
            Assert.Equal(detection.FirstSeenNanos, point.TimestampNanoseconds);
        }
        var events = StoreSchema.Current.RetentionPolicies.Single(r => r.Name == "events");
        Assert.Equal("400d", events.DefaultDuration);
    }

    [Fact]
    public void A_detection_with_every_optional_part_encodes_to_one_line()
    {
        var detection = new NetOps.Analyzer.Inspection.Detection
        {
            Kind = "mining",
            Confidence = DetectionConfidence.Probable,
            Protocol = "tls",
            Detector = "mining",
            Rule = "netops-mining-pools@2026-12-02#sha256:67a529821d8b (pool nanopool.org)",
            FlowId = 7,
            TransportProtocol = 6,
            Client = IpAddress.Parse("2001:db8:20::66"),
            ClientPort = 50000,
            Server = IpAddress.Parse("198.51.100.66"),
            ServerPort = 14433,
            ClientMac = new MacAddress(0x020000000066),
            User = "zhang.wei",
            ServerName = "xmr-eu1.nanopool.org",
            FirstSeenNanos = 1_796_025_600_000_000_001,
            LastSeenNanos = 1_796_026_200_500_000_001,
            Evidence = "server name xmr-eu1.nanopool.org on pool list; \"quoted\"",
        };
        var point = DetectionPoint.From(detection);
        Assert.Empty(StoreSchema.Current.Violations(point));
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        point.WriteTo(output, [new("school", "lab-school")], 0);
        var line = System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.StartsWith("security_detection,confidence=probable,detector=mining,kind=mining,protocol=tls,school=lab-school ", line);
        Assert.Contains("first_seen=\"2026-11-30T08:00:00.000000001Z\"", line);
        Assert.Contains("user=\"zhang.wei\"", line);
        Assert.Contains("mac=\"02:00:00:00:00:66\"", line);
        Assert.Contains("duration_seconds=600.5", line);
        Assert.EndsWith(" 1796025600000000001\n", line);
    }
}
