using System.Security.Cryptography;

namespace NetOps.Analyzer.Rules.DomainLists;

/// <summary>What an import kept and what it skipped, line by line.</summary>
public sealed record DomainListImportResult(DomainList List, int LinesRead, int Duplicates, IReadOnlyList<(int Line, string Text)> Skipped);

/// <summary>
/// Turns a public list as published (hosts file "0.0.0.0 name", plain names, squidGuard domains,
/// Adblock "||name^" rules) into a <see cref="DomainList"/>: names normalized, distinct, sorted.
/// Lines that hold no host name (comments, IP literals, Adblock cosmetic or path rules) are skipped
/// and reported, never guessed at.
/// </summary>
public static class DomainListImport
{
    public static DomainListImportResult FromFile(string path, string name, string kind, string category, DomainMatch match,
        string source, string licence, DateOnly date)
    {
        var bytes = File.ReadAllBytes(path);
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        var result = FromLines(lines, name, kind, category, match, source, licence, date);
        return result with { List = result.List with { Info = result.List.Info with { SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) } } };
    }

    public static DomainListImportResult FromLines(IEnumerable<string> lines, string name, string kind, string category, DomainMatch match,
        string source, string licence, DateOnly date)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = new List<(int, string)>();
        var read = 0;
        var duplicates = 0;
        foreach (var line in lines)
        {
            read++;
            var text = StripComment(line.AsSpan()).Trim();
            if (text.IsEmpty)
                continue;
            var host = HostOf(text);
            var normalized = host.IsEmpty ? null : DomainName.Normalize(host);
            if (normalized is null)
                skipped.Add((read, line.TrimEnd('\r')));
            else if (!names.Add(normalized))
                duplicates++;
        }
        var entries = names.ToList();
        var info = new DomainListInfo
        {
            Name = name,
            Kind = kind,
            Category = category,
            Match = match,
            Source = source,
            Licence = licence,
            Date = date,
            Sha256 = DomainListFile.HashEntries(entries),
        };
        return new DomainListImportResult(new DomainList(info, entries), read, duplicates, skipped);
    }

    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        // "#" starts a comment in hosts and plain lists, "!" in Adblock lists.
        if (trimmed.StartsWith('#') || trimmed.StartsWith('!') || trimmed.StartsWith('['))
            return [];
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? line[..hash] : line;
    }

    /// <summary>The host name a list line names, or empty when the line is of a kind that names none.</summary>
    private static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("||"))
        {
            // Adblock network rule: ||name^ (options after '$' allowed); a path after the name is no whole-host rule.
            var rule = text[2..];
            var dollar = rule.IndexOf('$');
            if (dollar >= 0)
                rule = rule[..dollar];
            return rule.EndsWith('^') && rule[..^1].IndexOfAny('/', '*') < 0 ? rule[..^1] : [];
        }
        var space = text.IndexOfAny(' ', '\t');
        if (space < 0)
            return text.StartsWith("*.") ? text[2..] : text;
        // hosts file: address, then one or more names; lists here carry one.
        var address = text[..space];
        var rest = text[space..].Trim();
        if (address is not ("0.0.0.0" or "127.0.0.1" or "::" or "::1") || rest.IndexOfAny(' ', '\t') >= 0)
            return [];
        return rest is "localhost" or "0.0.0.0" ? [] : rest;
    }
}
