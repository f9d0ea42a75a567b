namespace NetOps.Analyzer.Rules.DomainLists;

/// <summary>A name that matched: the list (for its version and category) and the entry that matched.</summary>
public readonly record struct DomainListHit(DomainListInfo List, string Entry);

/// <summary>
/// Lists loaded from rules/ and matched together. A lookup walks the name and its parents
/// ("a.b.pool.com", "b.pool.com", "pool.com") through one hash set per match mode, without allocating.
/// </summary>
public sealed class DomainListSet
{
    private readonly Dictionary<string, DomainListHit> _suffix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DomainListHit> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DomainListHit>.AlternateLookup<ReadOnlySpan<char>> _suffixLookup;
    private readonly Dictionary<string, DomainListHit>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;

    public DomainListSet(IEnumerable<DomainList> lists)
    {
        Lists = lists.ToList();
        foreach (var list in Lists)
        {
            var target = list.Info.Match == DomainMatch.Suffix ? _suffix : _exact;
            foreach (var entry in list.Entries)
                target.TryAdd(entry, new DomainListHit(list.Info, entry)); // the first list loaded keeps a name
        }
        _suffixLookup = _suffix.GetAlternateLookup<ReadOnlySpan<char>>();
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<DomainList> Lists { get; }

    public static DomainListSet Empty { get; } = new([]);

    /// <summary>Every *.list file under <paramref name="directory"/> (recursively, in name order) whose kind is <paramref name="kind"/> (all when null).</summary>
    public static DomainListSet Load(string directory, string? kind = null) =>
        new(Directory.EnumerateFiles(directory, "*" + DomainListFile.Extension, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(DomainListFile.Read)
            .Where(list => kind is null || list.Info.Kind == kind));

    /// <summary>Matches a server name as the wire gave it (any case, optional trailing dot).</summary>
    public bool TryMatch(ReadOnlySpan<char> serverName, out DomainListHit hit)
    {
        hit = default;
        var name = serverName.Trim();
        if (name.EndsWith('.'))
            name = name[..^1];
        if (name.IsEmpty || name.Length > 253)
            return false;
        Span<char> lower = stackalloc char[name.Length];
        name.ToLowerInvariant(lower);
        if (_exactLookup.TryGetValue(lower, out hit))
            return true;
        ReadOnlySpan<char> candidate = lower;
        while (true)
        {
            if (_suffixLookup.TryGetValue(candidate, out hit))
                return true;
            var dot = candidate.IndexOf('.');
            if (dot < 0)
                return false;
            candidate = candidate[(dot + 1)..];
        }
    }
}
