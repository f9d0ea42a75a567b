using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace NetOps.Analyzer.Traffic;

/// <summary>
/// The port-based application policy (rules/applications/ports.yaml): which TCP/UDP server port, or
/// which IP protocol for the rest, names an application. Lookups are array indexing (no hashing);
/// application 0 is "other".
/// </summary>
public sealed class ApplicationPorts
{
    public const string Other = "other";

    private readonly ushort[] _tcp = new ushort[65536];
    private readonly ushort[] _udp = new ushort[65536];
    private readonly ushort[] _ipProtocols = new ushort[256];
    private readonly List<string> _names = [Other];

    private ApplicationPorts()
    {
    }

    /// <summary>No policy: everything is "other".</summary>
    public static ApplicationPorts Empty { get; } = new();

    /// <summary>The policy's version line, for the record of which policy produced a figure.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Application names by index (0 is "other").</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The application of a flow: its server port, else its client port (in case the side judged client was the server), else its IP protocol.</summary>
    public int Classify(byte protocol, ushort serverPort, ushort clientPort)
    {
        var ports = protocol switch
        {
            Decoding.IpProtocols.Tcp => _tcp,
            Decoding.IpProtocols.Udp => _udp,
            _ => null,
        };
        if (ports is null)
            return _ipProtocols[protocol];
        var byServer = ports[serverPort];
        return byServer != 0 ? byServer : ports[clientPort];
    }

    public static ApplicationPorts Load(string path)
    {
        using var text = File.OpenText(path);
        return Parse(text, path);
    }

    /// <summary>Parses the policy; every problem is reported with its line in one <see cref="FormatException"/>.</summary>
    public static ApplicationPorts Parse(TextReader text, string source)
    {
        var errors = new List<string>();
        var policy = new ApplicationPorts();
        var root = Rules.PolicyYaml.LoadMapping(text, source, "'version' and 'applications'");
        foreach (var (key, value) in root.Children)
        {
            switch ((key as YamlScalarNode)?.Value)
            {
                case "version":
                    policy.Version = (value as YamlScalarNode)?.Value ?? "";
                    break;
                case "applications":
                    if (value is YamlSequenceNode applications)
                    {
                        foreach (var application in applications)
                            policy.Add(application, source, errors);
                    }
                    else
                    {
                        errors.Add($"{source}:{value.Start.Line}: 'applications' must be a list");
                    }
                    break;
                default:
                    errors.Add($"{source}:{key.Start.Line}: unknown key '{key}' (expected version, applications)");
                    break;
            }
        }
        if (policy.Version.Length == 0)
            errors.Add($"{source}: 'version' is missing");
        if (errors.Count > 0)
            throw new FormatException(string.Join(Environment.NewLine, errors));
        return policy;
    }

    private void Add(YamlNode node, string source, List<string> errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add($"{source}:{node.Start.Line}: an application is a mapping with name, tcp, udp or ip_protocols");
            return;
        }
        var name = mapping.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode) ? (nameNode as YamlScalarNode)?.Value : null;
        if (string.IsNullOrWhiteSpace(name) || name == Other)
        {
            errors.Add($"{source}:{node.Start.Line}: an application needs a name (not '{Other}')");
            return;
        }
        var index = _names.IndexOf(name);
        if (index < 0)
        {
            index = _names.Count;
            _names.Add(name);
        }
        foreach (var (key, value) in mapping.Children)
        {
            var field = (key as YamlScalarNode)?.Value;
            var (table, max) = field switch
            {
                "tcp" => (_tcp, 65535),
                "udp" => (_udp, 65535),
                "ip_protocols" => (_ipProtocols, 255),
                "name" or "note" => (null, 0),
                _ => (null, -1),
            };
            if (max < 0)
                errors.Add($"{source}:{key.Start.Line}: unknown key '{field}' (expected name, tcp, udp, ip_protocols, note)");
            if (table is null)
                continue;
            if (value is not YamlSequenceNode items)
            {
                errors.Add($"{source}:{value.Start.Line}: '{field}' must be a list of numbers or ranges (\"6881-6889\")");
                continue;
            }
            foreach (var item in items)
                Assign(table, max, item, (ushort)index, name, field!, source, errors);
        }
    }

    private void Assign(ushort[] table, int max, YamlNode item, ushort index, string name, string field, string source, List<string> errors)
    {
        var text = (item as YamlScalarNode)?.Value ?? "";
        var dash = text.IndexOf('-');
        var first = dash < 0 ? text : text[..dash];
        var last = dash < 0 ? text : text[(dash + 1)..];
        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || low > high || high > max || (max == 65535 && low == 0))
        {
            errors.Add($"{source}:{item.Start.Line}: '{text}' is not a {field} number or range within 1..{max}");
            return;
        }
        for (var value = low; value <= high; value++)
        {
            if (table[value] != 0 && table[value] != index)
            {
                errors.Add($"{source}:{item.Start.Line}: {field} {value} of '{name}' is already '{_names[table[value]]}'");
                return;
            }
            table[value] = index;
        }
    }
}
