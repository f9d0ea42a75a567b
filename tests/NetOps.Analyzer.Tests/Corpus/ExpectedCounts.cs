namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>Counts by name that a test expects of one corpus file, compared exactly.</summary>
public static class ExpectedCounts
{
    /// <summary>Fails unless <paramref name="found"/> holds exactly <paramref name="expected"/> (none when null).</summary>
    public static void Equal(string file, IReadOnlyDictionary<string, int>? expected, SortedDictionary<string, int> found)
    {
        expected ??= new Dictionary<string, int>();
        Assert.True(expected.OrderBy(e => e.Key, StringComparer.Ordinal).SequenceEqual(found),
            $"{file}: expected [{string.Join(", ", expected.Select(e => $"{e.Key} = {e.Value}"))}], "
            + $"found [{string.Join(", ", found.Select(e => $"[\"{e.Key}\"] = {e.Value}"))}]");
    }

    public static void Add(this SortedDictionary<string, int> counts, string name) => counts[name] = counts.GetValueOrDefault(name) + 1;
}
