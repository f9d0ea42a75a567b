using System.Globalization;
using NetOps.Testing;

namespace NetOps.Capture.Tests;

/// <summary>The capture corpus in ../shared/testdata/pcap and its INDEX.tsv.</summary>
internal static class Corpus
{
    public static string Directory => Path.Combine(TestDirectories.SharedTestData(), "pcap");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Every INDEX.tsv row: file, packets (leading number of the column), file format, link type.</summary>
    public static IReadOnlyList<Entry> Entries { get; } = Load();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries)
            data.Add(entry.File);
        return data;
    }

    public static Entry Find(string file) => Entries.Single(e => e.File == file);

    private static List<Entry> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, "INDEX.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name);
        var file = Column("file");
        var packets = Column("packets");
        var format = Column("file_format");
        var link = Column("link_type");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(f => new Entry(
            f[file],
            long.Parse(new string(f[packets].TakeWhile(char.IsDigit).ToArray()), CultureInfo.InvariantCulture),
            f[format],
            f[link])).ToList();
    }

    public sealed record Entry(string File, long Packets, string FileFormat, string LinkType);
}
