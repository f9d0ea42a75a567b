using System.Text.RegularExpressions;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Store.Tests;

public sealed partial class StoreSchemaTests
{
    private static readonly StoreSchema Schema = StoreSchema.Current;

    [Fact]
    public void RetentionPoliciesKeepLogsAsLongAsTheLawAsks()
    {
        Assert.Equal(["raw", "rollup", "events"], Schema.RetentionPolicies.Select(r => r.Name));
        Assert.Equal("raw", Schema.RetentionPolicies.Single(r => r.Default).Name);
        foreach (var name in new[] { "rollup", "events" })
        {
            var rp = Schema.RetentionPolicies.Single(r => r.Name == name);
            Assert.Equal("180d", rp.MinimumDuration);
            Assert.Equal("400d", rp.DefaultDuration);
            Assert.StartsWith("store.retention.", rp.ConfigKey);
        }
    }

    [Fact]
    public void EveryFieldHasATypeAndADescription()
    {
        foreach (var measurement in Schema.Measurements)
        {
            Assert.False(string.IsNullOrWhiteSpace(measurement.Description), measurement.Name);
            Assert.Matches("^[a-z][a-z0-9_]*$", measurement.Name);
            foreach (var field in measurement.Fields)
            {
                _ = field.ValueKind;
                Assert.False(string.IsNullOrWhiteSpace(field.Description), $"{measurement.Name}.{field.Name}");
                Assert.Matches("^[a-z][a-z0-9_]*$", field.Name);
            }
            foreach (var tag in measurement.Tags)
                Assert.False(string.IsNullOrWhiteSpace(tag.Description), $"{measurement.Name} tag {tag.Name}");
        }
        Assert.Contains(Schema.CommonTags, t => t.Name == "school");
    }

    [Fact]
    public void RollupsWriteExactlyTheFieldsAndTagsTheirTargetDeclares()
    {
        var rollups = Schema.Measurements.SelectMany(m => m.Rollups.Select(r => (Source: m, Rollup: r))).ToList();
        Assert.NotEmpty(rollups);
        foreach (var (source, rollup) in rollups)
        {
            var target = Schema.Measurement(rollup.Into);
            var aliases = Alias().Matches(rollup.Select).Select(m => m.Groups[1].Value).Order().ToList();
            Assert.Equal(target.Fields.Select(f => f.Name).Order(), aliases);
            Assert.Equal(source.Tags.Select(t => t.Name).Order(), target.Tags.Select(t => t.Name).Order());
            Assert.NotEqual(source.RetentionPolicy, target.RetentionPolicy);
        }
    }

    [Fact]
    public void ViolationsAreNamed()
    {
        Assert.Empty(Schema.Violations(Schema.NewPoint("netops_process").Tag("school", "s").Tag("process", "appliance")
            .Field("cpu_percent", 1.0).Field("threads", 3L)));
        Assert.Contains("measurement 'nope' is not declared", Schema.Violations(new Point("nope").Field("v", 1L)));
        var wrong = Schema.NewPoint("netops_process").Tag("colour", "red").Field("cpu_percent", 1L).Field("extra", 1.0);
        var problems = Schema.Violations(wrong);
        Assert.Contains(problems, p => p.Contains("tag 'colour' is not declared", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("field 'cpu_percent' is Integer, declared float", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("field 'extra' is not declared", StringComparison.Ordinal));
        Assert.Contains(Schema.Violations(new Point("netops_process", "events").Field("cpu_percent", 1.0)), p => p.Contains("retention policy", StringComparison.Ordinal));
    }

    [Fact]
    public void ABrokenSchemaIsRefused()
    {
        Assert.Throws<InvalidDataException>(() => StoreSchema.Parse("retention_policies: [{name: a, default: false}]\nmeasurements: []"));
        Assert.Throws<InvalidDataException>(() => StoreSchema.Parse(
            "retention_policies: [{name: raw, default: true}]\nmeasurements: [{name: m, retention_policy: nope}]"));
        Assert.Throws<InvalidDataException>(() => StoreSchema.Parse(
            "retention_policies: [{name: raw, default: true}]\nmeasurements: [{name: m, retention_policy: raw, fields: [{name: f, type: decimal}]}]"));
    }

    [GeneratedRegex("AS \"([a-z0-9_]+)\"")]
    private static partial Regex Alias();
}
