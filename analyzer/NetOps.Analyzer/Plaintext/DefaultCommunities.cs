using System.Security.Cryptography;
using YamlDotNet.RepresentationModel;

namespace NetOps.Analyzer.Plaintext;

/// <summary>The list of SNMP communities known as defaults (rules/plaintext/snmp-default-communities.yaml).</summary>
public sealed class DefaultCommunities
{
    private readonly HashSet<string> _communities;

    private DefaultCommunities(IEnumerable<string> communities, string version)
    {
        _communities = new HashSet<string>(communities, StringComparer.Ordinal);
        Version = version;
    }

    /// <summary>"name@date#sha256:first 12 hex digits of the file", what detections name as their rule.</summary>
    public string Version { get; }

    public int Count => _communities.Count;

    /// <summary>True for a listed community, as written or in lower case.</summary>
    public bool IsDefault(string community) => _communities.Contains(community) || _communities.Contains(community.ToLowerInvariant());

    public static DefaultCommunities Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var yaml = new YamlStream();
        using (var reader = new StreamReader(new MemoryStream(bytes)))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string Scalar(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value ?? "" : "";
        var communities = root.Children.TryGetValue(new YamlScalarNode("communities"), out var list) && list is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList()
            : throw new InvalidDataException($"{path}: no 'communities' list");
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        return new DefaultCommunities(communities, $"{Scalar("list")}@{Scalar("date")}#sha256:{hash}");
    }
}
