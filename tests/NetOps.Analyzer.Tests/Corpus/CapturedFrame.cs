using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>One frame of a capture, copied into memory for a test.</summary>
public sealed record CapturedFrame(int Number, LinkType LinkType, byte[] Data, int OriginalLength)
{
    /// <summary>Every frame of a capture file, read with NetOps's own reader.</summary>
    public static List<CapturedFrame> ReadAll(string path)
    {
        using var reader = CaptureFile.Open(path);
        var frames = new List<CapturedFrame>();
        while (reader.TryReadNext(out var header, out var data))
            frames.Add(new CapturedFrame(frames.Count + 1, header.LinkType, data.ToArray(), header.OriginalLength));
        return frames;
    }
}
