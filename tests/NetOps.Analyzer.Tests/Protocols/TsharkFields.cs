using NetOps.Analyzer.Tests.Corpus;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>tshark's values of a few fields for the frames a display filter selects: frame number → field → occurrences.</summary>
public static class TsharkFields
{
    private const char Aggregator = '\u001f';

    public static async Task<Dictionary<int, Dictionary<string, string[]>>> ReadAsync(string file, string filter, params string[] fields)
    {
        var arguments = new List<string> { "-r", CaptureCorpus.PathOf(file), "-Y", filter, "-T", "fields", "-E", "separator=/t", "-E", $"aggregator={Aggregator}", "-e", "frame.number" };
        foreach (var field in fields)
            arguments.AddRange(["-e", field]);
        var (code, output, errors) = await Tshark.RunAsync([.. arguments]);
        Assert.True(code == 0, $"tshark failed on {file}: {errors}");
        var frames = new Dictionary<int, Dictionary<string, string[]>>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = line.TrimEnd('\r').Split('\t');
            var values = new Dictionary<string, string[]>();
            for (var i = 0; i < fields.Length; i++)
                values[fields[i]] = i + 1 < columns.Length && columns[i + 1].Length > 0 ? columns[i + 1].Split(Aggregator) : [];
            frames[int.Parse(columns[0])] = values;
        }
        return frames;
    }

    public static string? First(this Dictionary<string, string[]> frame, string field) => frame[field] is [var first, ..] ? first : null;
}

/// <summary>Reports one field that NetOps reads differently from tshark.</summary>
public delegate void FieldCheck(string field, string? tshark, string? netOps);

/// <summary>Reads every frame tshark's filter selects with NetOps and asserts each compared field agrees.</summary>
public static class TsharkAgreement
{
    /// <param name="compare">Reads one datagram and checks its fields; returns why it could not be read, or null.</param>
    public static async Task AssertAsync(string file, string filter, string[] fields, ushort[] ports,
        Func<CorpusDatagram, Dictionary<string, string[]>, FieldCheck, string?> compare)
    {
        var tshark = await TsharkFields.ReadAsync(file, filter, fields);
        var datagrams = CorpusDatagrams.Read(file, ports).ToDictionary(d => d.Frame);
        Assert.NotEmpty(tshark);
        var differences = new List<string>();
        foreach (var (frame, theirs) in tshark)
        {
            Assert.True(datagrams.TryGetValue(frame, out var datagram), $"frame {frame}: tshark sees {filter}, NetOps no matching UDP datagram");
            var refusal = compare(datagram, theirs, (field, expected, actual) =>
            {
                if (expected != actual)
                    differences.Add($"frame {frame} {field}: tshark {expected ?? "(none)"}, NetOps {actual ?? "(none)"}");
            });
            if (refusal is not null)
                differences.Add($"frame {frame}: not read ({refusal})");
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
    }
}
