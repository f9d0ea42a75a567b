using NetOps.Analyzer.Mining;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Rules.DomainLists;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>The acceptance of issue 5 on the corpus: nDPI's Mining flows confirmed, every benign capture without confirmed or probable mining.</summary>
public class MiningCorpusTests
{
    internal static DomainListSet ShippedLists { get; } = DomainListSet.Load(Path.Combine(TestDirectories.RepositoryRoot(), "rules", "mining"), MiningInspector.Kind);

    private static List<NetOps.Analyzer.Inspection.Detection> Detect(string file)
    {
        var sink = new DetectionList();
        var inspector = new MiningInspector(sink, ShippedLists);
        new InspectorHarness(inspector).RunFile(CaptureCorpus.PathOf(file));
        Assert.Equal(0, inspector.OpenFlows);
        return sink.Detections;
    }

    /// <summary>The flows ndpi/mining.pcapng.out lists as Mining, with what each speaks.</summary>
    [Theory]
    [InlineData("192.168.2.148", 46838, "94.23.199.191", 3333, "stratum")]
    [InlineData("147.229.13.222", 49307, "185.71.66.39", 9999, "ethproxy")]
    [InlineData("192.168.2.92", 55190, "178.32.196.217", 9050, "cryptonote")]
    [InlineData("192.168.2.148", 53846, "116.211.167.195", 3333, "stratum")]
    public void Every_flow_nDPI_marks_Mining_is_confirmed(string client, int clientPort, string server, int serverPort, string protocol)
    {
        var detections = Detect("ndpi/mining.pcapng");
        var detection = Assert.Single(detections, d => d.Client == IpAddress.Parse(client) && d.ClientPort == clientPort);
        Assert.Equal((IpAddress.Parse(server), (ushort)serverPort), (detection.Server, detection.ServerPort));
        Assert.Equal(DetectionConfidence.Confirmed, detection.Confidence);
        Assert.Equal(protocol, detection.Protocol);
        Assert.Equal("mining", detection.Kind);
        Assert.True(detection.FirstSeenNanos <= detection.LastSeenNanos);
        Assert.NotNull(detection.ClientMac);
    }

    [Fact]
    public void Mining_capture_has_one_detection_per_flow_and_the_nDPI_count()
    {
        var expected = File.ReadLines(Path.Combine(CaptureCorpus.Folder, "expected", "ndpi", "mining.pcapng.out")).Count(l => l.Contains("[proto: 42/Mining]"));
        var detections = Detect("ndpi/mining.pcapng");
        Assert.Equal(expected, detections.Count);
        Assert.Equal(detections.Count, detections.Select(d => d.FlowId).Distinct().Count());
    }

    [Fact]
    public void Evidence_shows_the_miners_first_message_with_wallets_and_passwords_redacted()
    {
        var detections = Detect("ndpi/mining.pcapng");
        var xmr = detections.Single(d => d.Protocol == "cryptonote");
        Assert.Contains("\"method\":\"login\"", xmr.Evidence);
        Assert.Contains("xmr-stak-cpu/1.3.0-1.5.0", xmr.Evidence);
        Assert.DoesNotContain("4BCeEPhodgPMbPWFN1dPwhWXdRX8q4mhhdZdA1dtSMLTLCEYvAj9QXjXAfF7CugEbmfBhgkqHbdgK9b2wKA6nqRZQCgvCDm", xmr.Evidence);
        Assert.Contains("\"pass\":\"<secret>\"", xmr.Evidence);
        var eth = detections.Single(d => d.Protocol == "ethproxy");
        Assert.DoesNotContain("0x9c99d212f7e5daa18ab50810e0fd255d1f04303b", eth.Evidence);
        Assert.DoesNotContain("vvesely", eth.Evidence);
        Assert.Contains("eth_submitLogin", eth.Evidence);
        Assert.All(detections, d => Assert.True(d.Evidence.Length <= 512));
        Assert.All(detections, d => Assert.DoesNotContain("t1fAhZF5aUJdY7CikGULHmeYk7id8qmvbAd", d.Evidence));
    }

    public static TheoryData<string> BenignFiles()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(CaptureCorpus.Folder, "INDEX.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length > 5 && columns[5] != "mining" && !CaptureCorpus.Refused.Contains(columns[0]))
                data.Add(columns[0]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BenignFiles))]
    public void Benign_captures_yield_no_confirmed_or_probable_mining(string file)
    {
        var strong = Detect(file).Where(d => d.Confidence >= DetectionConfidence.Probable).ToList();
        Assert.True(strong.Count == 0, string.Join("\n", strong.Select(d => $"{d.Client}:{d.ClientPort} -> {d.Server}:{d.ServerPort} {d.Confidence} {d.Protocol}: {d.Evidence}")));
    }
}
