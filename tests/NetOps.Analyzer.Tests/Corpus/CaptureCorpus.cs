using System.Collections.Concurrent;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>The captures of ../shared/testdata/pcap listed in its INDEX.tsv, loaded once per test run.</summary>
public static class CaptureCorpus
{
    private static readonly ConcurrentDictionary<string, List<CapturedFrame>> Loaded = new();

    public static string Folder => Path.Combine(TestDirectories.SharedTestData(), "pcap");

    /// <summary>Every file of INDEX.tsv, as its path relative to <see cref="Folder"/>.</summary>
    public static IReadOnlyList<string> Files { get; } = File.ReadLines(Path.Combine(Folder, "INDEX.tsv"))
        .Skip(1)
        .Select(line => line.Split('\t')[0])
        .Where(name => name.Length > 0)
        .ToList();

    public static TheoryData<string> FileNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Files)
            data.Add(file);
        return data;
    }

    /// <summary>The files the capture reader opens (every file but <see cref="Refused"/>).</summary>
    public static TheoryData<string> ReadableFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Files.Where(f => !Refused.Contains(f)))
            data.Add(file);
        return data;
    }

    public static string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>
    /// The files the capture reader refuses, so nothing of them reaches the decoder: dlt_ppp.pcap is
    /// LINKTYPE_PPP (9), which NetOps.Capture does not accept. <see cref="AssertRefused"/> checks it.
    /// </summary>
    public static readonly IReadOnlySet<string> Refused = new HashSet<string> { "ndpi/dlt_ppp.pcap" };

    /// <summary>Asserts that the capture reader refuses <paramref name="file"/> for its link type.</summary>
    public static void AssertRefused(string file)
    {
        var refusal = Assert.Throws<NetOps.Capture.Files.UnsupportedLinkTypeException>(() => NetOps.Capture.Files.CaptureFile.Open(PathOf(file)).Dispose());
        Assert.Equal(9u, refusal.LinkType);
    }

    public static List<CapturedFrame> Frames(string file) => Loaded.GetOrAdd(file, f => CapturedFrame.ReadAll(PathOf(f)));
}
