using NetOps.Analyzer.Rules.DomainLists;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Rules;

/// <summary>The lists the appliance ships in rules/mining: they load (hash checked) and every entry is vouched for by a public list.</summary>
public class CuratedListsTests
{
    private static readonly string RulesMining = Path.Combine(TestDirectories.RepositoryRoot(), "rules", "mining");

    [Fact]
    public void Shipped_mining_lists_load_with_their_metadata()
    {
        var set = DomainListSet.Load(RulesMining, kind: "mining");
        Assert.Equal(["netops-browser-miners", "netops-mining-pools"], set.Lists.Select(l => l.Info.Name));
        Assert.All(set.Lists, l => Assert.Equal(new DateOnly(2026, 12, 2), l.Info.Date));
        Assert.True(set.TryMatch("eu1-zcash.flypool.org", out var hit));
        Assert.Equal("pool", hit.List.Category);
        Assert.True(set.TryMatch("coinhive.com", out hit));
        Assert.Equal("browser_miner", hit.List.Category);
        Assert.False(set.TryMatch("github.com", out _));
    }

    [Fact]
    public void Every_curated_entry_is_in_a_public_list()
    {
        var folder = Path.Combine(TestDirectories.SharedRulesData(), "mining");
        var ut1 = DomainListImport.FromFile(Path.Combine(folder, "ut1-cryptojacking-domains.txt"), "ut1", "mining", "pool", DomainMatch.Suffix, "ut1", "CC BY-SA 4.0", new DateOnly(2026, 7, 6)).List;
        var nocoin = DomainListImport.FromFile(Path.Combine(folder, "nocoin-hosts.txt"), "nocoin", "mining", "browser_miner", DomainMatch.Exact, "nocoin", "MIT", new DateOnly(2025, 3, 5)).List;
        var known = new HashSet<string>(ut1.Entries.Concat(nocoin.Entries));
        var curated = DomainListSet.Load(RulesMining).Lists.SelectMany(l => l.Entries).ToList();
        Assert.True(curated.Count >= 60);
        Assert.Equal([], curated.Where(e => !known.Contains(e)).ToArray());
    }
}
