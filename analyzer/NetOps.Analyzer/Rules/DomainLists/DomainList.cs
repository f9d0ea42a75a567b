namespace NetOps.Analyzer.Rules.DomainLists;

/// <summary>How a list entry matches a server name.</summary>
public enum DomainMatch
{
    /// <summary>The entry and every name below it ("pool.com" matches "xmr.pool.com"), as squidGuard and UT1 lists mean it.</summary>
    Suffix,

    /// <summary>Only the very name, as hosts files mean it.</summary>
    Exact,
}

/// <summary>
/// Where a list came from and what it is for, as its header states. <see cref="Kind"/> says which
/// detector uses it ("mining", "prohibited_site", "circumvention"…), <see cref="Category"/> what its
/// names are within that kind ("pool", "browser_miner", "doh", "gambling"…).
/// </summary>
public sealed record DomainListInfo
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string Category { get; init; }
    public required DomainMatch Match { get; init; }

    /// <summary>Who published the names (URL or description).</summary>
    public required string Source { get; init; }

    public required string Licence { get; init; }

    /// <summary>The date of the data (the source's own date, else the import date).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the entries as stored: each entry followed by '\n', in file order.</summary>
    public required string Sha256 { get; init; }

    /// <summary>SHA-256 of the file the list was imported from, when it was imported.</summary>
    public string? SourceSha256 { get; init; }

    /// <summary>What evidence names as the list's version: "name@date#sha256:first 12 hex digits".</summary>
    public string Version => $"{Name}@{Date:yyyy-MM-dd}#sha256:{Sha256[..12]}";
}

/// <summary>One list: its header and its normalized, sorted, distinct entries.</summary>
public sealed record DomainList(DomainListInfo Info, IReadOnlyList<string> Entries);
