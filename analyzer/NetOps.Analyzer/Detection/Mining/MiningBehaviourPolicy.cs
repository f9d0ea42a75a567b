using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// Thresholds of the flow-behaviour score and the Stratum V2 handshake fingerprint: policy, read
/// from rules/mining/behaviour.yaml (the defaults here are that file's values, for tests and a missing file).
/// </summary>
public sealed record MiningBehaviourPolicy
{
    /// <summary>A flow at least this long is long-lived.</summary>
    public double LongLivedSeconds { get; init; } = 600;

    /// <summary>Periodic: at least this many client exchanges…</summary>
    public int MinExchanges { get; init; } = 20;

    /// <summary>…at most this far apart on average…</summary>
    public double MaxMeanGapSeconds { get; init; } = 120;

    /// <summary>…with gaps no more spread than this (coefficient of variation; share submissions are roughly Poisson, ≈ 1).</summary>
    public double MaxGapVariation { get; init; } = 1.6;

    /// <summary>Small exchanges: mean client payload at most this many bytes…</summary>
    public double MaxMeanClientPayload { get; init; } = 600;

    /// <summary>…and mean server payload at most this many.</summary>
    public double MaxMeanServerPayload { get; init; } = 1500;

    /// <summary>Ports where TLS without a server name is ordinary web traffic.</summary>
    public IReadOnlySet<ushort> WebPorts { get; init; } = new HashSet<ushort> { 80, 443, 8080, 8443 };

    /// <summary>Points (of 4) for "suspicious".</summary>
    public int SuspiciousScore { get; init; } = 4;

    /// <summary>Stratum V2's Noise NX handshake: the initiator's ElligatorSwift key, 64 bytes…</summary>
    public int StratumV2ClientHello { get; init; } = 64;

    /// <summary>…and the responder's answer: key 64 + encrypted static key 64+16 + encrypted signature message 74+16 = 234 bytes.</summary>
    public int StratumV2ServerHello { get; init; } = 234;

    public string Version { get; init; } = "mining-behaviour@defaults";

    public static MiningBehaviourPolicy Load(string path)
    {
        using var text = File.OpenText(path);
        return Parse(text, path);
    }

    /// <summary>Reads rules/mining/behaviour.yaml: a mapping of the keys below; an unknown key or a bad value is an error naming its line.</summary>
    public static MiningBehaviourPolicy Parse(TextReader text, string source)
    {
        var root = Rules.PolicyYaml.LoadMapping(text, source, "the behaviour thresholds");
        var policy = new MiningBehaviourPolicy();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            var line = keyNode.Start.Line;
            policy = key switch
            {
                "version" => policy with { Version = "mining-behaviour@" + Scalar(value, source, line) },
                "long_lived_seconds" => policy with { LongLivedSeconds = Number(value, source, line) },
                "min_exchanges" => policy with { MinExchanges = (int)Number(value, source, line) },
                "max_mean_gap_seconds" => policy with { MaxMeanGapSeconds = Number(value, source, line) },
                "max_gap_variation" => policy with { MaxGapVariation = Number(value, source, line) },
                "max_mean_client_payload_bytes" => policy with { MaxMeanClientPayload = Number(value, source, line) },
                "max_mean_server_payload_bytes" => policy with { MaxMeanServerPayload = Number(value, source, line) },
                "web_ports" => policy with { WebPorts = Ports(value, source, line) },
                "suspicious_points" => policy with { SuspiciousScore = (int)Number(value, source, line) },
                "stratum_v2_client_hello_bytes" => policy with { StratumV2ClientHello = (int)Number(value, source, line) },
                "stratum_v2_server_hello_bytes" => policy with { StratumV2ServerHello = (int)Number(value, source, line) },
                _ => throw new FormatException($"{source}:{line}: unknown key '{key}'"),
            };
        }
        if (policy.SuspiciousScore is < 1 or > 4)
            throw new FormatException($"{source}: suspicious_points must be 1 to 4");
        return policy;
    }

    private static string Scalar(YamlNode node, string source, long line) =>
        (node as YamlScalarNode)?.Value is { Length: > 0 } text ? text : throw new FormatException($"{source}:{line}: a value is needed");

    private static double Number(YamlNode node, string source, long line) =>
        double.TryParse(Scalar(node, source, line), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new FormatException($"{source}:{line}: '{Scalar(node, source, line)}' is not a non-negative number");

    private static HashSet<ushort> Ports(YamlNode node, string source, long line)
    {
        if (node is not YamlSequenceNode sequence)
            throw new FormatException($"{source}:{line}: web_ports is a list of port numbers");
        var ports = new HashSet<ushort>();
        foreach (var item in sequence)
            ports.Add(ushort.TryParse(Scalar(item, source, item.Start.Line), CultureInfo.InvariantCulture, out var port)
                ? port
                : throw new FormatException($"{source}:{item.Start.Line}: '{Scalar(item, source, item.Start.Line)}' is not a port"));
        return ports;
    }
}
