using System.Reflection;
using NetOps.Store.LineProtocol;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace NetOps.Store.Schema;

/// <summary>The documented store schema (store/schema.yaml, embedded in this assembly).</summary>
public sealed class StoreSchema
{
    public int Version { get; set; }
    public List<RetentionPolicyDefinition> RetentionPolicies { get; set; } = [];
    public List<TagDefinition> CommonTags { get; set; } = [];
    public List<MeasurementDefinition> Measurements { get; set; } = [];

    private static readonly Lazy<StoreSchema> Embedded = new(LoadEmbedded);

    /// <summary>The schema this build of NetOps writes.</summary>
    public static StoreSchema Current => Embedded.Value;

    public static StoreSchema Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var schema = deserializer.Deserialize<StoreSchema>(yaml) ?? throw new InvalidDataException("The store schema is empty.");
        schema.Check();
        return schema;
    }

    public MeasurementDefinition Measurement(string name) =>
        Measurements.FirstOrDefault(m => m.Name == name)
        ?? throw new KeyNotFoundException($"Measurement '{name}' is not declared in store/schema.yaml.");

    /// <summary>A new point for a declared measurement, routed to its retention policy.</summary>
    public Point NewPoint(string measurement) => new(measurement, Measurement(measurement).RetentionPolicy);

    /// <summary>What in the point disagrees with the schema; empty when it conforms.</summary>
    public IReadOnlyList<string> Violations(Point point)
    {
        var problems = new List<string>();
        var definition = Measurements.FirstOrDefault(m => m.Name == point.Measurement);
        if (definition is null)
        {
            problems.Add($"measurement '{point.Measurement}' is not declared");
            return problems;
        }
        if (point.RetentionPolicy != definition.RetentionPolicy)
            problems.Add($"{point.Measurement}: retention policy '{point.RetentionPolicy}' instead of '{definition.RetentionPolicy}'");
        foreach (var tag in point.Tags)
        {
            if (!definition.Tags.Any(t => t.Name == tag.Key) && !CommonTags.Any(t => t.Name == tag.Key))
                problems.Add($"{point.Measurement}: tag '{tag.Key}' is not declared");
        }
        foreach (var field in point.Fields)
        {
            var declared = definition.Fields.FirstOrDefault(f => f.Name == field.Key);
            if (declared is null)
                problems.Add($"{point.Measurement}: field '{field.Key}' is not declared");
            else if (declared.ValueKind != field.Value.Kind)
                problems.Add($"{point.Measurement}: field '{field.Key}' is {field.Value.Kind}, declared {declared.Type}");
        }
        return problems;
    }

    private void Check()
    {
        if (RetentionPolicies.Count(r => r.Default) != 1)
            throw new InvalidDataException("The store schema must mark exactly one retention policy as default.");
        foreach (var m in Measurements)
        {
            if (!RetentionPolicies.Any(r => r.Name == m.RetentionPolicy))
                throw new InvalidDataException($"Measurement '{m.Name}' names unknown retention policy '{m.RetentionPolicy}'.");
            foreach (var f in m.Fields)
                _ = f.ValueKind;
            foreach (var rollup in m.Rollups)
            {
                if (!Measurements.Any(t => t.Name == rollup.Into))
                    throw new InvalidDataException($"Roll-up of '{m.Name}' writes into undeclared measurement '{rollup.Into}'.");
            }
        }
        var duplicates = Measurements.GroupBy(m => m.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidDataException($"Measurements declared twice: {string.Join(", ", duplicates)}.");
    }

    private static StoreSchema LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NetOps.Store.schema.yaml")
            ?? throw new InvalidOperationException("store/schema.yaml is not embedded in NetOps.Store.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

public sealed class RetentionPolicyDefinition
{
    public string Name { get; set; } = "";
    public bool Default { get; set; }
    public string ConfigKey { get; set; } = "";
    public string DefaultDuration { get; set; } = "";
    public string MinimumDuration { get; set; } = "";
    public string Holds { get; set; } = "";
}

public sealed class TagDefinition
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class FieldDefinition
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>The line-protocol type named by <see cref="Type"/>.</summary>
    [YamlIgnore]
    public FieldKind ValueKind => Type switch
    {
        "float" => FieldKind.Float,
        "integer" => FieldKind.Integer,
        "boolean" => FieldKind.Boolean,
        "string" => FieldKind.String,
        _ => throw new InvalidDataException($"Field '{Name}' has unknown type '{Type}' (float, integer, boolean or string)."),
    };
}

public sealed class RollupDefinition
{
    public string Into { get; set; } = "";
    public string Every { get; set; } = "";
    public string Select { get; set; } = "";
}

public sealed class MeasurementDefinition
{
    public string Name { get; set; } = "";
    public string RetentionPolicy { get; set; } = "";
    public string Description { get; set; } = "";
    public List<TagDefinition> Tags { get; set; } = [];
    public List<FieldDefinition> Fields { get; set; } = [];
    public List<RollupDefinition> Rollups { get; set; } = [];
}
