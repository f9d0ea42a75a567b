using NetOps.Analyzer.Rules.DomainLists;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Rules;

public class DomainListTests
{
    private static string MiningData(string file) => Path.Combine(TestDirectories.SharedRulesData(), "mining", file);

    [Theory]
    [InlineData("Pool.Example.COM.", "pool.example.com")]
    [InlineData("  xn--bcher-kva.example ", "xn--bcher-kva.example")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("_dmarc.example.org", "_dmarc.example.org")]
    public void Names_are_normalized(string text, string expected) => Assert.Equal(expected, DomainName.Normalize(text));

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("10.0.0.1")]
    [InlineData("a..b")]
    [InlineData("-a.com")]
    [InlineData("*.a.com")]
    [InlineData("a.com/path")]
    public void Non_names_are_refused(string text) => Assert.Null(DomainName.Normalize(text));

    [Fact]
    public void Hosts_file_import_keeps_exact_names_and_reports_what_it_skipped()
    {
        var result = DomainListImport.FromFile(MiningData("nocoin-hosts.txt"), "nocoin", "mining", "browser_miner", DomainMatch.Exact,
            "https://github.com/hoshsadiq/adblock-nocoin-list", "MIT", new DateOnly(2025, 3, 5));
        // SOURCES.md: 313 host names; the file's sha256 as stated there.
        Assert.Equal(313, result.List.Entries.Count + result.Duplicates);
        Assert.Equal("34abec73c9823cb1d0c9b85b18572c49f10f246a846adcf044a21c4b62371e09", result.List.Info.SourceSha256);
        Assert.Contains("crypto-loot.com", result.List.Entries);
        Assert.Equal(result.List.Entries.Order(StringComparer.Ordinal), result.List.Entries);
        Assert.All(result.Skipped, s => Assert.DoesNotContain("0.0.0.0 ", s.Text));
    }

    [Fact]
    public void Plain_list_import_skips_the_comment_header()
    {
        var result = DomainListImport.FromFile(MiningData("shadowwhisperer-cryptocurrency.txt"), "sw", "crypto", "crypto", DomainMatch.Suffix,
            "https://github.com/ShadowWhisperer/BlockLists", "Unlicense", new DateOnly(2026, 8, 20));
        Assert.Equal(1277, result.List.Entries.Count + result.Duplicates + result.Skipped.Count);
        Assert.Contains("binance.com", result.List.Entries);
    }

    [Fact]
    public void Adblock_rules_give_whole_host_rules_only()
    {
        var result = DomainListImport.FromLines(["! comment", "||miner.example^", "||cdn.example/miner.js", "||a.example^$third-party", "##.ad", "[Adblock Plus 2.0]"],
            "t", "mining", "browser_miner", DomainMatch.Suffix, "test", "CC0-1.0", new DateOnly(2026, 1, 1));
        Assert.Equal(["a.example", "miner.example"], result.List.Entries);
        Assert.Equal(["||cdn.example/miner.js"], result.Skipped.Select(s => s.Text));
    }

    [Fact]
    public void A_written_list_reads_back_and_an_edited_one_is_refused()
    {
        var result = DomainListImport.FromFile(MiningData("ut1-cryptojacking-domains.txt"), "ut1-cryptojacking", "mining", "pool", DomainMatch.Suffix,
            "https://github.com/olbat/ut1-blacklists blacklists/cryptojacking/domains", "CC BY-SA 4.0", new DateOnly(2026, 7, 6));
        Assert.Equal("c3540fff745db8d6a29b756789049fb6eaabe4e1b5a454029afefd1235937e82", result.List.Info.SourceSha256);
        var text = new StringWriter();
        DomainListFile.Write(text, result.List);
        var back = DomainListFile.Read(new StringReader(text.ToString()), "ut1.list");
        Assert.Equal(result.List.Info, back.Info);
        Assert.Equal(result.List.Entries, back.Entries);
        Assert.StartsWith("ut1-cryptojacking@2026-07-06#sha256:", back.Info.Version);

        var edited = text.ToString().Replace("\nsupportxmr.com\n", "\nsupportxmr.org\n");
        var error = Assert.Throws<DomainListFormatException>(() => DomainListFile.Read(new StringReader(edited), "ut1.list"));
        Assert.Contains("sha256", error.Message);
    }

    [Theory]
    [InlineData("# netops-domain-list: 1\n# name: x\nNot A Name\n", 3)]
    [InlineData("a.com\n", 1)]
    [InlineData("# netops-domain-list: 2\n", 1)]
    [InlineData("# netops-domain-list: 1\n# name: x\n# kind: mining\n# category: pool\n# match: prefix\na.com\n", 6)]
    public void Malformed_list_files_are_named_with_their_line(string text, int line)
    {
        var error = Assert.Throws<DomainListFormatException>(() => DomainListFile.Read(new StringReader(text), "bad.list"));
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Suffix_lists_match_sub_domains_and_exact_lists_only_the_name()
    {
        var suffix = DomainListImport.FromLines(["pool.example"], "s", "mining", "pool", DomainMatch.Suffix, "t", "CC0-1.0", new DateOnly(2026, 1, 1)).List;
        var exact = DomainListImport.FromLines(["miner.example"], "e", "mining", "browser_miner", DomainMatch.Exact, "t", "CC0-1.0", new DateOnly(2026, 1, 1)).List;
        var set = new DomainListSet([suffix, exact]);
        Assert.True(set.TryMatch("EU1.Pool.Example.", out var hit));
        Assert.Equal(("s", "pool.example"), (hit.List.Name, hit.Entry));
        Assert.True(set.TryMatch("pool.example", out _));
        Assert.False(set.TryMatch("notpool.example", out _));
        Assert.False(set.TryMatch("example", out _));
        Assert.True(set.TryMatch("miner.example", out hit));
        Assert.Equal("e", hit.List.Name);
        Assert.False(set.TryMatch("cdn.miner.example", out _));
    }
}
