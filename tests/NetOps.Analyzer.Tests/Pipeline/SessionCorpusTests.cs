using NetOps.Analyzer.Inspection;
using NetOps.Capture.Files;
using NetOps.Analyzer.Session;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Pipeline;

/// <summary>
/// The session every analysis runs (pipeline + every detector with the shipped rules/, in
/// <see cref="Detectors"/> order) over every readable capture of the corpus: no exception, and no
/// capture outside the "mining" category yields confirmed or probable mining.
/// </summary>
public sealed class SessionCorpusTests
{
    private static readonly string Rules = Path.Combine(TestDirectories.RepositoryRoot(), "rules");

    private static readonly Dictionary<string, string> Categories = File.ReadLines(Path.Combine(CaptureCorpus.Folder, "INDEX.tsv"))
        .Skip(1).Select(line => line.Split('\t')).ToDictionary(fields => fields[0], fields => fields[5]);

    [Theory]
    [MemberData(nameof(CaptureCorpus.ReadableFileNames), MemberType = typeof(CaptureCorpus))]
    public void EveryDetectorRunsOverTheCaptureAndOnlyMiningCapturesYieldMining(string file)
    {
        var session = AnalysisSession.Create(Rules, TimeSpan.FromSeconds(60));
        using (var reader = CaptureFile.Open(CaptureCorpus.PathOf(file)))
        {
            session.Pipeline.BeginSource(file);
            while (reader.TryReadNext(out var header, out var frame))
                session.Pipeline.Process(header, frame);
        }
        session.Pipeline.Complete();

        var mining = session.Detections.Snapshot()
            .Where(d => d.Kind == "mining" && d.Confidence >= DetectionConfidence.Probable).ToList();
        if (Categories[file] == "mining")
            Assert.Contains(mining, d => d.Confidence == DetectionConfidence.Confirmed);
        else
            Assert.Empty(mining);
    }
}
