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

    private static IReadOnlyList<NetOps.Analyzer.Inspection.Detection> Detect(string file) => MiningScenario.DetectFile(CaptureCorpus.PathOf(file));

    private static bool Between(NetOps.Analyzer.Inspection.Detection d, string a, int aPort, string b, int bPort) =>
        (d.Client == IpAddress.Parse(a) && d.ClientPort == aPort && d.Server == IpAddress.Parse(b) && d.ServerPort == bPort)
        || (d.Client == IpAddress.Parse(b) && d.ClientPort == bPort && d.Server == IpAddress.Parse(a) && d.ServerPort == aPort);

    /// <summary>
    /// The flows ndpi/mining.pcapng.out lists as Mining, with what each speaks. The pipeline's idle
    /// timeout (120 s) splits the connections with longer pauses into several flows; the flow holding
    /// the miner's login is confirmed, the later parts are reported only as what they show.
    /// </summary>
    [Theory]
    [InlineData("192.168.2.148", 46838, "94.23.199.191", 3333, "stratum")]
    [InlineData("147.229.13.222", 49307, "185.71.66.39", 9999, "ethproxy")]
    [InlineData("192.168.2.92", 55190, "178.32.196.217", 9050, "cryptonote")]
    [InlineData("192.168.2.148", 53846, "116.211.167.195", 3333, "stratum")]
    public void Every_flow_nDPI_marks_Mining_is_confirmed(string client, int clientPort, string server, int serverPort, string protocol)
    {
        var detections = Detect("ndpi/mining.pcapng");
        var detection = detections.First(d => Between(d, client, clientPort, server, serverPort));
        Assert.Equal((IpAddress.Parse(client), (ushort)clientPort, IpAddress.Parse(server), (ushort)serverPort), (detection.Client, detection.ClientPort, detection.Server, detection.ServerPort));
        Assert.Equal(DetectionConfidence.Confirmed, detection.Confidence);
        Assert.Equal(protocol, detection.Protocol);
        Assert.Equal("mining", detection.Kind);
        Assert.True(detection.FirstSeenNanos <= detection.LastSeenNanos);
        Assert.NotNull(detection.ClientMac);
    }

    [Fact]
    public void Mining_capture_detections_are_on_the_nDPI_flows_only_one_per_flow()
    {
        var expected = File.ReadLines(Path.Combine(CaptureCorpus.Folder, "expected", "ndpi", "mining.pcapng.out"))
            .Where(l => l.Contains("[proto: 42/Mining]"))
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Client: f[2], Server: f[4]))
            .ToList();
        Assert.Equal(4, expected.Count);
        var detections = Detect("ndpi/mining.pcapng");
        Assert.Equal(detections.Count, detections.Select(d => d.FlowId).Distinct().Count());
        Assert.All(detections, d => Assert.Contains(expected, e => Between(d, e.Client.Split(':')[0], int.Parse(e.Client.Split(':')[1]), e.Server.Split(':')[0], int.Parse(e.Server.Split(':')[1]))));
        Assert.Equal(4, detections.Where(d => d.Confidence == DetectionConfidence.Confirmed).Select(d => (d.Client, d.ClientPort, d.Server, d.ServerPort)).Distinct().Count());
    }

    [Fact]
    public void Evidence_shows_the_miners_first_message_with_wallets_and_passwords_redacted()
    {
        var detections = Detect("ndpi/mining.pcapng");
        var xmr = detections.First(d => d.Protocol == "cryptonote");
        Assert.Contains("\"method\":\"login\"", xmr.Evidence);
        Assert.Contains("xmr-stak-cpu/1.3.0-1.5.0", xmr.Evidence);
        Assert.DoesNotContain("4BCeEPhodgPMbPWFN1dPwhWXdRX8q4mhhdZdA1dtSMLTLCEYvAj9QXjXAfF7CugEbmfBhgkqHbdgK9b2wKA6nqRZQCgvCDm", xmr.Evidence);
        Assert.Contains("\"pass\":\"<secret>\"", xmr.Evidence);
        var eth = detections.First(d => d.Protocol == "ethproxy");
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
