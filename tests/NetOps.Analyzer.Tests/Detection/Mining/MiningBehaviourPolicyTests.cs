using NetOps.Analyzer.Mining;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Mining;

public class MiningBehaviourPolicyTests
{
    [Fact]
    public void The_shipped_policy_loads_and_states_the_defaults()
    {
        var policy = MiningBehaviourPolicy.Load(Path.Combine(TestDirectories.RepositoryRoot(), "rules", "mining", "behaviour.yaml"));
        var defaults = new MiningBehaviourPolicy();
        Assert.Equal("mining-behaviour@2026-12-02", policy.Version);
        Assert.Equal(defaults with { Version = policy.Version, WebPorts = policy.WebPorts }, policy);
        Assert.Equal(defaults.WebPorts.Order(), policy.WebPorts.Order());
    }

    [Theory]
    [InlineData("version: 1\nlong_lived: 5\n", 2)]
    [InlineData("min_exchanges: many\n", 1)]
    [InlineData("web_ports: [80, http]\n", 1)]
    public void Bad_keys_and_values_are_named_with_their_line(string yaml, int line)
    {
        var error = Assert.Throws<FormatException>(() => MiningBehaviourPolicy.Parse(new StringReader(yaml), "behaviour.yaml"));
        Assert.StartsWith($"behaviour.yaml:{line}:", error.Message);
    }
}
