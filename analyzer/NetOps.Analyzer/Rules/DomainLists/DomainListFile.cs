using System.Security.Cryptography;
using System.Text;

namespace NetOps.Analyzer.Rules.DomainLists;

/// <summary>
/// The file format of domain lists in rules/ (*.list): a header of "# key: value" lines naming the
/// list's metadata, then one normalized name per line. Blank lines and other "#" lines are comments.
/// The header's sha256 covers the entries, so a list edited without updating its hash is refused.
/// <code>
/// # netops-domain-list: 1
/// # name: netops-mining-pools
/// # kind: mining
/// # category: pool
/// # match: suffix
/// # source: https://…
/// # licence: CC0-1.0
/// # date: 2026-12-02
/// # sha256: 3f…
/// supportxmr.com
/// </code>
/// </summary>
public static class DomainListFile
{
    public const string Extension = ".list";
    private const string Magic = "netops-domain-list";

    public static DomainList Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    public static DomainList Read(TextReader reader, string path)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<string>();
        var lineNumber = 0;
        var sawMagic = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
                continue;
            if (text[0] == '#')
            {
                var body = text[1..].Trim();
                var colon = body.IndexOf(':');
                if (entries.Count == 0 && colon > 0 && IsKey(body[..colon]))
                {
                    var key = body[..colon].ToString();
                    if (key == Magic)
                    {
                        if (body[(colon + 1)..].Trim() is not "1")
                            throw new DomainListFormatException(path, lineNumber, $"unknown {Magic} version '{body[(colon + 1)..].Trim()}'");
                        sawMagic = true;
                    }
                    else if (!header.TryAdd(key, body[(colon + 1)..].Trim().ToString()))
                        throw new DomainListFormatException(path, lineNumber, $"header '{key}' given twice");
                }
                continue;
            }
            if (!sawMagic)
                throw new DomainListFormatException(path, lineNumber, $"a domain list starts with '# {Magic}: 1'");
            var name = DomainName.Normalize(text);
            if (name is null || !text.SequenceEqual(name))
                throw new DomainListFormatException(path, lineNumber, $"'{text}' is not a normalized host name (lower-case ASCII, no trailing dot)");
            entries.Add(name);
        }
        if (!sawMagic)
            throw new DomainListFormatException(path, lineNumber, $"a domain list starts with '# {Magic}: 1'");
        var info = ParseHeader(header, path, lineNumber);
        if (header.TryGetValue("entries", out var count) && count != entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new DomainListFormatException(path, lineNumber, $"the header says {count} entries, the file has {entries.Count}");
        var actual = HashEntries(entries);
        if (actual != info.Sha256)
            throw new DomainListFormatException(path, lineNumber, $"sha256 of the entries is {actual}, the header says {info.Sha256}");
        return new DomainList(info, entries);
    }

    /// <summary>Writes <paramref name="list"/> in the format <see cref="Read(string)"/> reads.</summary>
    public static void Write(TextWriter writer, DomainList list)
    {
        var info = list.Info;
        writer.NewLine = "\n";
        writer.WriteLine($"# {Magic}: 1");
        writer.WriteLine($"# name: {info.Name}");
        writer.WriteLine($"# kind: {info.Kind}");
        writer.WriteLine($"# category: {info.Category}");
        writer.WriteLine($"# match: {(info.Match == DomainMatch.Exact ? "exact" : "suffix")}");
        writer.WriteLine($"# source: {OneLine(info.Source)}");
        writer.WriteLine($"# licence: {OneLine(info.Licence)}");
        writer.WriteLine($"# date: {info.Date:yyyy-MM-dd}");
        if (info.SourceSha256 is not null)
            writer.WriteLine($"# source_sha256: {info.SourceSha256}");
        writer.WriteLine($"# entries: {list.Entries.Count}");
        writer.WriteLine($"# sha256: {info.Sha256}");
        foreach (var entry in list.Entries)
            writer.WriteLine(entry);
    }

    /// <summary>SHA-256 of the entries, each followed by '\n' (what the header's sha256 states).</summary>
    public static string HashEntries(IEnumerable<string> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries)
        {
            hash.AppendData(Encoding.ASCII.GetBytes(entry));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static DomainListInfo ParseHeader(Dictionary<string, string> header, string path, int line)
    {
        string Required(string key) => header.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new DomainListFormatException(path, line, $"header '{key}' missing");
        var match = Required("match") switch
        {
            "suffix" => DomainMatch.Suffix,
            "exact" => DomainMatch.Exact,
            var other => throw new DomainListFormatException(path, line, $"match '{other}' is neither 'suffix' nor 'exact'"),
        };
        if (!DateOnly.TryParseExact(Required("date"), "yyyy-MM-dd", out var date))
            throw new DomainListFormatException(path, line, $"date '{header["date"]}' is not yyyy-MM-dd");
        var sha = Required("sha256");
        if (sha.Length != 64 || !sha.All(Uri.IsHexDigit) || sha.Any(char.IsUpper))
            throw new DomainListFormatException(path, line, "sha256 is not 64 lower-case hex digits");
        return new DomainListInfo
        {
            Name = Required("name"),
            Kind = Required("kind"),
            Category = Required("category"),
            Match = match,
            Source = Required("source"),
            Licence = Required("licence"),
            Date = date,
            Sha256 = sha,
            SourceSha256 = header.GetValueOrDefault("source_sha256"),
        };
    }

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
            if (c is not ((>= 'a' and <= 'z') or '_' or '-' or (>= '0' and <= '9')))
                return false;
        return !key.IsEmpty;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
