using NetOps.Testing;
using System.Text.RegularExpressions;
using NetOps.Snmp.Client;

namespace NetOps.Snmp.Tests;

/// <summary>The engine against a real net-snmp snmpd, compared with net-snmp's own tools.</summary>
public sealed partial class SnmpInteropTests(SnmpdServer snmpd) : IClassFixture<SnmpdServer>, IAsyncLifetime
{
    private readonly SnmpClient _client = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _client.DisposeAsync();

    private SnmpTarget Target(SnmpVersion version, string? community = null) =>
        new(snmpd.EndPoint, version, community ?? SnmpdServer.Community);

    [Theory]
    [InlineData(SnmpVersion.V1)]
    [InlineData(SnmpVersion.V2c)]
    public async Task GetReadsTheSystemGroup(SnmpVersion version)
    {
        var result = await _client.GetAsync(Target(version), [ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0"), ObjectIdentifier.Parse("1.3.6.1.2.1.1.6.0"), ObjectIdentifier.Parse("1.3.6.1.2.1.1.7.0")]);
        Assert.Equal("netops-snmpd", result[0].Value.Text);
        Assert.Equal("实验室 lab rack 1", result[1].Value.Text);
        Assert.Equal((SnmpType.Integer32, 72L), (result[2].Value.Type, result[2].Value.Number));
    }

    [Fact]
    public async Task AMissingInstanceIsAnExceptionValueInV2cAndAnErrorInV1()
    {
        var missing = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.99");
        var v2 = await _client.GetAsync(Target(SnmpVersion.V2c), [missing]);
        Assert.True(v2[0].Value.IsException);
        var e = await Assert.ThrowsAsync<SnmpErrorException>(() => _client.GetAsync(Target(SnmpVersion.V1), [missing]));
        Assert.Equal(SnmpError.NoSuchName, e.Error);
    }

    [Fact]
    public async Task AWrongCommunityTimesOutWithAMessageThatSaysSo()
    {
        var target = Target(SnmpVersion.V2c, "s3cret-guess") with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 1 };
        var e = await Assert.ThrowsAsync<SnmpTimeoutException>(() => _client.GetAsync(target, [ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0")]));
        Assert.Contains("community", e.Message);
        Assert.DoesNotContain("s3cret", e.Message);
    }

    [Theory]
    [InlineData(SnmpVersion.V1, "snmpwalk", "-v1")]
    [InlineData(SnmpVersion.V2c, "snmpbulkwalk", "-v2c")]
    public async Task WalksTheSameInstancesAsNetSnmp(SnmpVersion version, string tool, string versionFlag)
    {
        const string root = "1.3.6.1.2.1.2.2.1";
        var ours = await _client.WalkAsync(Target(version), ObjectIdentifier.Parse(root));
        var (code, output) = await NetSnmpTools.RunAsync(tool, versionFlag, "-c", SnmpdServer.Community, "-On", "-Cr25", snmpd.Address, root);
        if (version == SnmpVersion.V1)
            (code, output) = await NetSnmpTools.RunAsync(tool, versionFlag, "-c", SnmpdServer.Community, "-On", snmpd.Address, root);
        Assert.Equal(0, code);
        // An empty octet string prints as `= ""` without a type; binary ones as Hex-STRING.
        var theirs = WalkLine().Matches(output).Select(m => (Oid: m.Groups[1].Value, Type: !m.Groups[2].Success || m.Groups[2].Value == "Hex-STRING" ? "STRING" : m.Groups[2].Value)).ToList();
        Assert.True(theirs.Count > 10, output);
        Assert.Equal(theirs.Select(t => t.Oid), ours.Select(v => v.Oid.ToString()));
        // Types agree too (net-snmp spells them its way).
        for (var i = 0; i < ours.Count; i++)
            Assert.Equal(NetSnmpTypeName(ours[i].Value.Type), theirs[i].Type);
        // Strings and gauges that do not move agree in value: interface names and speeds.
        var names = ours.Where(v => v.Oid.ToString().StartsWith(root + ".2.", StringComparison.Ordinal)).Select(v => v.Value.Text).ToList();
        Assert.Contains("lo", names);
    }

    [Fact]
    public async Task ManyRequestsAtOnceAreMatchedToTheirAnswers()
    {
        var oids = new[] { "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.6.0", "1.3.6.1.2.1.1.7.0", "1.3.6.1.2.1.1.4.0" };
        var tasks = Enumerable.Range(0, 200).Select(i => _client.GetAsync(Target(SnmpVersion.V2c), [ObjectIdentifier.Parse(oids[i % 4])])).ToList();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < results.Length; i++)
            Assert.Equal(oids[i % 4], results[i][0].Oid.ToString());
        Assert.Equal(0, _client.Unmatched);
    }

    private static string NetSnmpTypeName(SnmpType type) => type switch
    {
        SnmpType.Integer32 => "INTEGER",
        SnmpType.OctetString => "STRING",
        SnmpType.ObjectIdentifier => "OID",
        SnmpType.Counter32 => "Counter32",
        SnmpType.Gauge32 => "Gauge32",
        SnmpType.TimeTicks => "Timeticks",
        SnmpType.Counter64 => "Counter64",
        SnmpType.IpAddress => "IpAddress",
        _ => type.ToString(),
    };

    [GeneratedRegex(@"^\.?([0-9.]+) = (?:([A-Za-z0-9-]+):|"")", RegexOptions.Multiline)]
    private static partial Regex WalkLine();
}
