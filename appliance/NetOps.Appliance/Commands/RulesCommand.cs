using System.CommandLine;
using System.Globalization;
using NetOps.Analyzer.Rules.DomainLists;

namespace NetOps.Appliance.Commands;

/// <summary>
/// <c>netops rules import FILE --source S --licence L [--kind K] [--category C] [--name N] [--match suffix|exact] [--date D]</c>:
/// normalizes a public domain list the admin provides (hosts file, plain or squidGuard domains,
/// Adblock rules) into rules/KIND/NAME.list with its metadata, where the detectors load it.
/// </summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The list as published (hosts, plain or squidGuard domains, Adblock ||name^ rules)" };
        var source = new Option<string>("--source") { Description = "Where the list comes from (URL, repository and path, snapshot)", Required = true };
        var licence = new Option<string>("--licence", "--license") { Description = "The list's licence (e.g. MIT, CC BY-SA 4.0)", Required = true };
        var kind = new Option<string>("--kind") { Description = "Which detector uses it: mining, prohibited_site, circumvention…", DefaultValueFactory = _ => "mining" };
        var category = new Option<string?>("--category") { Description = "What its names are within the kind (pool, browser_miner, doh…; default: the kind)" };
        var name = new Option<string?>("--name") { Description = "List name (default: the file's name); the output is rules/KIND/NAME.list" };
        var match = new Option<string>("--match") { Description = "suffix (a name and all below it) or exact", DefaultValueFactory = _ => "suffix" };
        match.AcceptOnlyFromAmong("suffix", "exact");
        var date = new Option<string?>("--date") { Description = "Date of the data, yyyy-MM-dd (default: today, UTC)" };
        var import = new Command("import", "Normalize a public domain list into rules/ with its source, licence, date and hashes")
        {
            file, source, licence, kind, category, name, match, date,
        };
        import.SetAction(parse => Import(parse.GetValue(file)!, parse.GetValue(source)!, parse.GetValue(licence)!, parse.GetValue(kind)!,
            parse.GetValue(category), parse.GetValue(name), parse.GetValue(match)!, parse.GetValue(date)));
        return new Command("rules", "Policy data in rules/") { import };
    }

    private static int Import(string file, string source, string licence, string kind, string? category, string? name, string match, string? date)
    {
        if (!File.Exists(file))
            return Fail($"{file}: no such file");
        if (!IsIdentifier(kind) || category is not null && !IsIdentifier(category))
            return Fail("--kind and --category are snake_case words (e.g. mining, browser_miner)");
        name ??= Slug(Path.GetFileNameWithoutExtension(file));
        if (name.Length == 0 || Slug(name) != name)
            return Fail($"--name '{name}' must be lower-case letters, digits and '-'");
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return Fail($"--date '{date}' is not yyyy-MM-dd");

        var result = DomainListImport.FromFile(file, name, kind, category ?? kind, match == "exact" ? DomainMatch.Exact : DomainMatch.Suffix, source, licence, day);
        if (result.List.Entries.Count == 0)
            return Fail($"{file}: no host names found in {result.LinesRead} lines");
        var folder = Path.Combine(AppPaths.Home, "rules", kind);
        Directory.CreateDirectory(folder);
        var output = Path.Combine(folder, name + DomainListFile.Extension);
        var replaced = File.Exists(output);
        var temporary = output + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
            DomainListFile.Write(writer, result.List);
        File.Move(temporary, output, overwrite: true);

        var info = result.List.Info;
        Console.WriteLine($"{Path.GetRelativePath(AppPaths.Home, output)}: {(replaced ? "replaced" : "written")}, {result.List.Entries.Count} names " +
                          $"({result.Duplicates} duplicates, {result.Skipped.Count} lines without a host name skipped), version {info.Version}");
        foreach (var (line, text) in result.Skipped.Take(10))
            Console.WriteLine($"  skipped line {line}: {text}");
        if (result.Skipped.Count > 10)
            Console.WriteLine($"  … and {result.Skipped.Count - 10} more");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("netops rules import: " + message);
        return 2;
    }

    private static bool IsIdentifier(string text) => text.Length > 0 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static string Slug(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
}
