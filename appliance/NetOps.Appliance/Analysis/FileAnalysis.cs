using System.Diagnostics;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Session;
using NetOps.Capture;
using NetOps.Capture.Files;

namespace NetOps.Appliance.Analysis;

/// <summary>How one capture file went: read to its end, stopped early by a damaged record, or not readable at all.</summary>
internal sealed record FileOutcome(string Path, string? Format, CaptureStatistics? Reader, string? Error);

/// <summary>
/// Capture files through one <see cref="AnalysisSession"/>, one after another as one run (their
/// flows continue across files, as a capture split into files would). A file that cannot be
/// opened — not a capture, an unknown link type, missing — is reported and the others go on.
/// </summary>
internal sealed class FileAnalysis(AnalysisSession session, TextWriter? progress)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    public List<FileOutcome> Files { get; } = [];

    public TimeSpan Elapsed { get; private set; }

    public AnalysisResult Run(IReadOnlyList<string> paths)
    {
        var clock = Stopwatch.StartNew();
        foreach (var path in paths)
            Files.Add(Analyze(path, clock));
        var result = session.Pipeline.Complete();
        Elapsed = clock.Elapsed;
        progress?.Write("\r\x1b[K");
        return result;
    }

    private FileOutcome Analyze(string path, Stopwatch clock)
    {
        CaptureFileReader reader;
        try
        {
            reader = CaptureFile.Open(path);
        }
        catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
        {
            return new FileOutcome(path, null, null, e is CaptureFileException ? e.Message : $"{path}: {e.Message}");
        }
        using (reader)
        {
            session.Pipeline.BeginSource(path);
            var next = clock.Elapsed + ProgressEvery;
            var frames = 0;
            while (reader.TryReadNext(out var header, out var frame))
            {
                session.Pipeline.Process(header, frame);
                if (progress is not null && (++frames & 0xFFFF) == 0 && clock.Elapsed >= next)
                {
                    next = clock.Elapsed + ProgressEvery;
                    progress.Write($"\r\x1b[K{Path.GetFileName(path)}: {100.0 * reader.Position / Math.Max(1, reader.Length):0}%, {reader.Statistics.Frames:N0} packets");
                }
            }
            return new FileOutcome(path, reader.Format.ToString(), reader.Statistics, null);
        }
    }
}
