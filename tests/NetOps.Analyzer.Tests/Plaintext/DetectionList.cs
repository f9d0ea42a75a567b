using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Plaintext;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Tests.Identity;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Plaintext;

/// <summary>Collects what detectors report.</summary>
public sealed class DetectionList : List<Detection>, IDetectionSink
{
    public void Report(Detection detection) => Add(detection);

    public static DefaultCommunities Defaults { get; } =
        DefaultCommunities.Load(Path.Combine(TestDirectories.RepositoryRoot(), "rules", "plaintext", "snmp-default-communities.yaml"));

    /// <summary>Every plaintext detector over one corpus capture.</summary>
    public static DetectionList Replay(string file)
    {
        var sink = new DetectionList();
        PipelineReplay.Run(CaptureCorpus.PathOf(file), new TelnetLoginInspector(sink), new FtpLoginInspector(sink), new HttpBasicAuthInspector(sink),
            new SnmpCommunityInspector(Defaults, sink));
        Assert.All(sink, d => Assert.Equal("plaintext_management", d.Kind));
        return sink;
    }
}
