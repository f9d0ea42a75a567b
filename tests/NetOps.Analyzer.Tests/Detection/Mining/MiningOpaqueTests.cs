using NetOps.Analyzer.Inspection;
using static NetOps.Analyzer.Tests.Mining.OpaqueSessions;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>What cannot be read: TLS-wrapped stratum, Stratum V2, and the behaviour score — probable with a pool name, suspicious at most without.</summary>
public class MiningOpaqueTests
{
    [Theory]
    [InlineData("xmr-eu1.nanopool.org", 14433)]
    [InlineData("pool.supportxmr.com", 9000)]
    [InlineData("eu1-zcash.flypool.org", 3443)]
    public void Tls_wrapped_stratum_with_a_pool_sni_is_probable(string serverName, ushort port)
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("198.51.100.66", port).Tls(traffic.Random, serverName).MinerLike(traffic.Random, minutes: 2).Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Probable, "tls");
        Assert.Equal(serverName, detection.ServerName);
        Assert.StartsWith("netops-mining-pools@2026-12-02#sha256:", detection.Rule);
        Assert.Contains("pool list", detection.Evidence);
    }

    [Fact]
    public void Tls_wrapped_stratum_on_443_with_a_pool_sni_is_probable_by_its_behaviour()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("198.51.100.66", 443).Tls(traffic.Random, "gulf.moneroocean.stream").MinerLike(traffic.Random, minutes: 15).Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Probable, "tls");
        Assert.Contains("behaviour", detection.Evidence);
    }

    [Fact]
    public void A_visit_to_a_pools_website_over_tls_is_at_most_suspicious()
    {
        using var traffic = new SyntheticTraffic();
        var hello = NetOps.Appliance.Lab.Traffic.Payloads.TlsPayload.ClientHello(traffic.Random, "www.supportxmr.com", "h2", "http/1.1");
        traffic.Connect("198.51.100.67", 443)
            .ClientSends(hello).ServerSends(NetOps.Appliance.Lab.Traffic.Payloads.TlsPayload.ServerHello(traffic.Random, hello))
            .ClientSends(Record(traffic.Random, 420, true)).ServerSends(Record(traffic.Random, 48_000, true))
            .Wait(2 * Second).ClientSends(Record(traffic.Random, 380, true)).ServerSends(Record(traffic.Random, 12_000, true))
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Suspicious, "tls");
        Assert.Contains("web visit", detection.Evidence);
    }

    [Fact]
    public void A_visit_to_a_pools_website_over_http_is_at_most_suspicious()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("198.51.100.67", 80)
            .ClientSends(NetOps.Appliance.Lab.Traffic.Payloads.HttpPayload.Get("www.nanopool.org", "/", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"))
            .ServerSends(NetOps.Appliance.Lab.Traffic.Payloads.HttpPayload.Ok("text/html", new byte[30_000]))
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Suspicious, "http");
        Assert.Equal("www.nanopool.org", detection.ServerName);
    }

    [Fact]
    public void Tls_without_sni_to_a_non_web_port_behaving_like_a_miner_is_suspicious_only()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("198.51.100.68", 5443).Tls(traffic.Random, serverName: null).MinerLike(traffic.Random, minutes: 20).Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Suspicious, "tls");
        Assert.Contains("behaviour 4/4", detection.Evidence);
        Assert.Equal("mining-behaviour@2026-12-02", detection.Rule);
    }

    [Fact]
    public void Stratum_v2_handshake_sizes_alone_are_suspicious()
    {
        using var traffic = new SyntheticTraffic();
        var session = traffic.Connect("198.51.100.69", 34254);
        session.ClientSends(Record(traffic.Random, 64, false)).ServerSends(Record(traffic.Random, 234, false))
            .ClientSends(Record(traffic.Random, 110, false)).ServerSends(Record(traffic.Random, 90, false)).Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Suspicious, "stratum2");
        Assert.Contains("64/234", detection.Evidence);
    }

    [Fact]
    public void Stratum_v2_handshake_to_a_pool_name_is_probable_never_confirmed()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Names.Resolve("198.51.100.70", "v2.stratum.braiins.com");
        traffic.Connect("198.51.100.70", 3336)
            .ClientSends(Record(traffic.Random, 64, false)).ServerSends(Record(traffic.Random, 234, false))
            .MinerLike(traffic.Random, minutes: 12, tlsRecords: false).Close();
        MiningScenario.Single(traffic, DetectionConfidence.Probable, "stratum2");
    }
}
