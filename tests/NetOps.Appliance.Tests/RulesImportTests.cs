using NetOps.Analyzer.Rules.DomainLists;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary><c>netops rules import</c> on the public lists in ../shared/rules-data (read in place, never copied into the repository).</summary>
public sealed class RulesImportTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
    private readonly string _work = TestDirectories.Create("rules-import");

    private static string Shared(string file) => Path.Combine(TestDirectories.SharedRulesData(), "mining", file);

    public void Dispose() => TestDirectories.Delete(_work);

    [Fact]
    public async Task A_hosts_file_becomes_a_list_with_its_metadata_that_the_detectors_load()
    {
        using var run = await NetOpsCommand.RunAsync(_work, Generous, "rules", "import", Shared("nocoin-hosts.txt"),
            "--source", "https://github.com/hoshsadiq/adblock-nocoin-list hosts.txt @9f3caa9382a3", "--licence", "MIT",
            "--kind", "mining", "--category", "browser_miner", "--match", "exact", "--date", "2025-03-05", "--name", "nocoin");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("rules/mining/nocoin.list: written", run.Stdout);

        var list = DomainListFile.Read(Path.Combine(_work, "rules", "mining", "nocoin.list"));
        Assert.Equal(("nocoin", "mining", "browser_miner", DomainMatch.Exact, "MIT", new DateOnly(2025, 3, 5)),
            (list.Info.Name, list.Info.Kind, list.Info.Category, list.Info.Match, list.Info.Licence, list.Info.Date));
        // SOURCES.md states the file's SHA-256 and its 313 host names.
        Assert.Equal("34abec73c9823cb1d0c9b85b18572c49f10f246a846adcf044a21c4b62371e09", list.Info.SourceSha256);
        Assert.InRange(list.Entries.Count, 300, 313);
        Assert.Contains($"version {list.Info.Version}", run.Stdout);

        var set = DomainListSet.Load(Path.Combine(_work, "rules"), "mining");
        Assert.True(set.TryMatch("crypto-loot.com", out var hit));
        Assert.Equal("nocoin", hit.List.Name);
    }

    [Fact]
    public async Task A_reimport_replaces_the_list_and_reports_skipped_lines()
    {
        string[] args = ["rules", "import", Shared("ut1-cryptojacking-domains.txt"), "--source", "UT1 cryptojacking via github.com/olbat/ut1-blacklists",
            "--licence", "CC BY-SA 4.0", "--category", "pool", "--date", "2026-07-06"];
        using (var first = await NetOpsCommand.RunAsync(_work, Generous, args))
            Assert.True(first.ExitCode == 0, first.Output);
        using var second = await NetOpsCommand.RunAsync(_work, Generous, args);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("rules/mining/ut1-cryptojacking-domains.list: replaced", second.Stdout);
        var list = DomainListFile.Read(Path.Combine(_work, "rules", "mining", "ut1-cryptojacking-domains.list"));
        Assert.Equal("c3540fff745db8d6a29b756789049fb6eaabe4e1b5a454029afefd1235937e82", list.Info.SourceSha256);
        Assert.Contains("supportxmr.com", list.Entries);
    }

    [Fact]
    public async Task Missing_licence_or_a_bad_date_is_refused()
    {
        using (var noLicence = await NetOpsCommand.RunAsync(_work, Generous, "rules", "import", Shared("nocoin-hosts.txt"), "--source", "x"))
            Assert.NotEqual(0, noLicence.ExitCode);
        using var badDate = await NetOpsCommand.RunAsync(_work, Generous, "rules", "import", Shared("nocoin-hosts.txt"), "--source", "x", "--licence", "MIT", "--date", "05.03.2025");
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("--date", badDate.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_work, "rules")));
    }
}
