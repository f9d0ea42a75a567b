using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace NetOps.Configuration;

/// <summary>
/// Reads typed values out of YAML nodes, collecting every problem with its line, column and dotted
/// key path instead of stopping at the first. Values of secret keys are never echoed in messages.
/// </summary>
internal sealed class YamlNodeReader(string source)
{
    private static readonly HashSet<string> SecretKeys = ["token", "password", "username"];

    public List<ConfigError> Errors { get; } = [];

    public void Error(YamlNode node, string path, string message) =>
        Errors.Add(new ConfigError(source, (int)node.Start.Line, (int)node.Start.Column, path, message));

    /// <summary>The entries of a mapping; unknown and duplicate keys are reported. Null when absent or not a mapping.</summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode? node, string path, params string[] known)
    {
        if (node is null || IsNull(node))
            return null;
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path, $"expected a mapping with keys {string.Join(", ", known)}");
            return null;
        }
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = Join(path, key);
            if (!known.Contains(key))
            {
                var hint = Closest(key, known);
                Error(keyNode, keyPath, "unknown key" + (hint is null ? $" (expected one of: {string.Join(", ", known)})" : $" (did you mean '{hint}'?)"));
                continue;
            }
            if (!entries.TryAdd(key, value))
                Error(keyNode, keyPath, "duplicate key");
        }
        return entries;
    }

    public string String(Dictionary<string, YamlNode>? map, string key, string path, string fallback, Func<string, string?>? check = null)
    {
        if (!TryScalar(map, key, path, out var node, out var text))
            return fallback;
        var problem = check?.Invoke(text);
        if (problem is not null)
        {
            Error(node, Join(path, key), IsSecret(key) ? problem : $"'{text}' {problem}");
            return fallback;
        }
        return text;
    }

    public bool Bool(Dictionary<string, YamlNode>? map, string key, string path, bool fallback)
    {
        if (!TryScalar(map, key, path, out var node, out var text))
            return fallback;
        switch (text)
        {
            case "true" or "True" or "yes" or "on":
                return true;
            case "false" or "False" or "no" or "off":
                return false;
            default:
                Error(node, Join(path, key), $"'{text}' is not true or false");
                return fallback;
        }
    }

    public int Int(Dictionary<string, YamlNode>? map, string key, string path, int fallback, int min, int max)
    {
        if (!TryScalar(map, key, path, out var node, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, Join(path, key), $"'{text}' is not a whole number");
            return fallback;
        }
        if (value < min || value > max)
        {
            Error(node, Join(path, key), $"{value} is out of range {min}..{max}");
            return fallback;
        }
        return value;
    }

    public TimeSpan Duration(Dictionary<string, YamlNode>? map, string key, string path, TimeSpan fallback, TimeSpan min, TimeSpan max, string? why = null)
    {
        if (!TryScalar(map, key, path, out var node, out var text))
            return fallback;
        if (!DurationText.TryParse(text, out var value))
        {
            Error(node, Join(path, key), $"'{text}' is not a duration (e.g. 200ms, 10s, 5m, 2h, 30d)");
            return fallback;
        }
        if (value < min || value > max)
        {
            Error(node, Join(path, key), $"{text} is out of range {DurationText.Format(min)}..{DurationText.Format(max)}{(why is null ? "" : " (" + why + ")")}");
            return fallback;
        }
        return value;
    }

    public long Size(Dictionary<string, YamlNode>? map, string key, string path, long fallback, long min, long max)
    {
        if (!TryScalar(map, key, path, out var node, out var text))
            return fallback;
        if (!SizeText.TryParse(text, out var value))
        {
            Error(node, Join(path, key), $"'{text}' is not a size (e.g. 512KiB, 4MiB, 1GiB)");
            return fallback;
        }
        if (value < min || value > max)
        {
            Error(node, Join(path, key), $"{text} is out of range {SizeText.Format(min)}..{SizeText.Format(max)}");
            return fallback;
        }
        return value;
    }

    public string OneOf(Dictionary<string, YamlNode>? map, string key, string path, string fallback, params string[] allowed) =>
        String(map, key, path, fallback, v => allowed.Contains(v) ? null : $"is not one of: {string.Join(", ", allowed)}");

    public YamlSequenceNode? Sequence(Dictionary<string, YamlNode>? map, string key, string path)
    {
        if (map is null || !map.TryGetValue(key, out var node) || IsNull(node))
            return null;
        if (node is YamlSequenceNode sequence)
            return sequence;
        Error(node, Join(path, key), "expected a list");
        return null;
    }

    /// <summary>A list of plain values; null when absent. Values are not echoed in messages (they may be secrets).</summary>
    public List<string>? StringList(Dictionary<string, YamlNode>? map, string key, string path)
    {
        var sequence = Sequence(map, key, path);
        if (sequence is null)
            return null;
        var list = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlScalarNode { Value: { Length: > 0 } value })
                list.Add(value);
            else
                Error(sequence.Children[i], $"{Join(path, key)}[{i}]", "expected a non-empty value");
        }
        return list;
    }

    private static bool IsSecret(string key) => SecretKeys.Contains(key) || key.EndsWith("password", StringComparison.Ordinal);

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private bool TryScalar(Dictionary<string, YamlNode>? map, string key, string path, out YamlNode node, out string text)
    {
        text = "";
        node = null!;
        if (map is null || !map.TryGetValue(key, out var found) || IsNull(found))
            return false;
        node = found;
        if (found is not YamlScalarNode scalar)
        {
            Error(found, Join(path, key), "expected a single value, not a " + (found is YamlSequenceNode ? "list" : "mapping"));
            return false;
        }
        text = scalar.Value ?? "";
        return true;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null" } scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private static string? Closest(string key, string[] known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Levenshtein(key, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
