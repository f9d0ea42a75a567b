using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetOps.Analyzer.Rules;

/// <summary>The one way policy files in rules/ are read: one YAML document whose root is a mapping; syntax errors name their line.</summary>
public static class PolicyYaml
{
    /// <param name="expected">What the mapping holds, for the error message (e.g. "'version' and 'applications'").</param>
    public static YamlMappingNode LoadMapping(TextReader text, string source, string expected)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}:{e.Start.Line}: {e.Message}", e);
        }
        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new FormatException($"{source}: expected one mapping with {expected}");
    }
}
