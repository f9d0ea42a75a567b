using NetOps.Analyzer.Inspection;
using NetOps.Appliance.Lab.Traffic;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>The lab's whole campus day (`./netops up` replays it): its one XMRig miner is found, nothing else is called mining.</summary>
public sealed class LabCampusMiningTests : IDisposable
{
    private readonly string _folder = TestDirectories.Create("lab-mining");

    public void Dispose() => TestDirectories.Delete(_folder);

    [Fact]
    public void The_labs_one_miner_is_confirmed_and_nothing_else_is_strong()
    {
        var path = Path.Combine(_folder, "campus.pcap");
        using (var file = File.Create(path))
            CampusMix.Write(file, new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromMinutes(3), hostCount: 12);
        var detections = MiningScenario.DetectFile(path);
        var strong = detections.Where(d => d.Confidence >= DetectionConfidence.Probable).ToList();
        var miner = Assert.Single(strong);
        Assert.Equal((DetectionConfidence.Confirmed, "cryptonote", (ushort)3333), (miner.Confidence, miner.Protocol, miner.ServerPort));
        Assert.Equal(LabNetwork.Pool.V4.ToString(), miner.Server.ToString());
        Assert.Contains("XMRig/6.21.0", miner.Evidence);
        Assert.DoesNotContain("lab-pc-66", miner.Evidence);
    }
}
