using NetOps.Analyzer.Detectors;
using NetOps.Analyzer.Detectors.Audit;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Rules.DomainLists;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Capture.Files;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Detectors;

/// <summary>
/// The behaviour auditor with the shipped rules/audit lists over the whole corpus (exactly the
/// detections listed below, each also named so by nDPI's expected results), and with a prohibited-site
/// list imported the way an admin would, on a real capture.
/// </summary>
public sealed class BehaviourAuditorTests
{
    private static string AuditRules => Path.Combine(TestDirectories.RepositoryRoot(), "rules", "audit");

    internal static IReadOnlyList<Detection> Audit(string file, DomainListSet lists)
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        var detectors = new ApplicationDetectors();
        var log = new DetectionLog(serverNames: detectors.Names);
        var auditor = new BehaviourAuditor(lists, log);
        detectors.Names.AddObserver(auditor);
        detectors.AddTo(pipeline);
        pipeline.AddInspector(auditor);
        using var reader = CaptureFile.Open(CaptureCorpus.PathOf(file));
        pipeline.BeginSource(file);
        pipeline.Run(reader);
        pipeline.Complete();
        return log.Snapshot();
    }

    [Fact]
    public void The_shipped_lists_load_with_their_kinds()
    {
        var lists = BehaviourAuditor.LoadLists(AuditRules);
        Assert.Equal(["doh", "proxy", "vpn"], lists.Lists.Select(l => l.Info.Category).Order());
        Assert.All(lists.Lists, l => Assert.Equal(BehaviourAuditor.Circumvention, l.Info.Kind));
        Assert.True(lists.TryMatch("mozilla.cloudflare-dns.com", out var hit));
        Assert.Equal("doh", hit.List.Category);
        Assert.False(lists.TryMatch("notcloudflare-dns.com", out _));
    }

    [Fact]
    public void Over_the_corpus_the_shipped_lists_find_exactly_the_doh_and_vpn_visits()
    {
        var lists = BehaviourAuditor.LoadLists(AuditRules);
        var found = new List<string>();
        foreach (var file in CaptureCorpus.Files.Where(f => !CaptureCorpus.Refused.Contains(f)))
        {
            foreach (var d in Audit(file, lists))
                found.Add($"{file} {d.Kind} {d.Protocol} {d.ServerName} {d.Client}:{d.ClientPort} > {d.Server}:{d.ServerPort}");
        }
        // Firefox's DoH (nDPI: DoH_DoT) in two captures, and a Surfshark VPN server (nDPI: TLS.SurfShark).
        Assert.Equal(
        [
            "ndpi/dns_doh.pcap circumvention tls mozilla.cloudflare-dns.com 172.20.10.4:49877 > 104.16.248.249:443",
            "ndpi/no_sni.pcap circumvention tls mozilla.cloudflare-dns.com 192.168.1.119:51606 > 104.16.249.249:443",
            "ndpi/sites.pcapng circumvention tls it-mil-v086.prod.surfshark.com 192.168.1.183:44102 > 146.70.182.51:443",
        ], found);
    }

    [Fact]
    public void A_doh_visit_is_probable_with_the_list_version_and_evidence()
    {
        var detection = Assert.Single(Audit("ndpi/dns_doh.pcap", BehaviourAuditor.LoadLists(AuditRules)));
        Assert.Equal(DetectionConfidence.Probable, detection.Confidence);
        Assert.Equal("audit", detection.Detector);
        Assert.StartsWith("netops-circumvention-doh@2026-12-02#sha256:", detection.Rule, StringComparison.Ordinal);
        Assert.Equal("TLS SNI 'mozilla.cloudflare-dns.com' matched doh entry 'cloudflare-dns.com' of netops-circumvention-doh", detection.Evidence);
        Assert.NotNull(detection.ClientMac);
        Assert.Equal(6, detection.TransportProtocol);
    }

    [Fact]
    public void An_imported_prohibited_category_matches_sni_dns_and_host_names()
    {
        var folder = TestDirectories.Create("audit-lists");
        try
        {
            // As an admin would import a category list given as a hosts file.
            var imported = DomainListImport.FromLines(["0.0.0.0 ntop.org", "0.0.0.0 google.com", "# comment", "0.0.0.0 example.invalid"],
                "school-prohibited-test", BehaviourAuditor.ProhibitedSite, "test_category", DomainMatch.Suffix, "test fixture", "CC0-1.0", new DateOnly(2026, 12, 2));
            using (var writer = new StreamWriter(Path.Combine(folder, "prohibited.list")))
                DomainListFile.Write(writer, imported.List);
            var lists = BehaviourAuditor.LoadLists(folder);

            var tls = Assert.Single(Audit("ndpi/443-firefox.pcap", lists));
            Assert.Equal((BehaviourAuditor.ProhibitedSite, "tls", "www.ntop.org"), (tls.Kind, tls.Protocol, tls.ServerName));

            var android = Audit("ndpi/android.pcap", lists);
            Assert.Contains(android, d => d.Protocol == "dns" && d.ServerName!.EndsWith(".google.com", StringComparison.Ordinal) && d.ServerPort == 53);
            Assert.Contains(android, d => d.Protocol == "tls" && d.ServerName!.EndsWith("google.com", StringComparison.Ordinal));
            Assert.All(android, d => Assert.True(d.ServerName == "google.com" || d.ServerName!.EndsWith(".google.com", StringComparison.Ordinal)));

            var http = Audit("ndpi/1kxun.pcap", lists).Where(d => d.Protocol == "http").ToList();
            Assert.NotEmpty(http);
            Assert.All(http, d => Assert.StartsWith("HTTP Host '", d.Evidence, StringComparison.Ordinal));
        }
        finally
        {
            TestDirectories.Delete(folder);
        }
    }
}
