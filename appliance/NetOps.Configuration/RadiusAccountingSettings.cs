using System.Net;
using YamlDotNet.RepresentationModel;

namespace NetOps.Configuration;

/// <summary>The <c>collector.radius_accounting</c> section: the RADIUS accounting receiver (identity).</summary>
internal static class RadiusAccountingSettings
{
    public const string Path = "collector.radius_accounting";

    public static readonly string[] Keys = ["enabled", "listen", "clients"];

    public static RadiusAccountingConfig Bind(YamlNodeReader r, Dictionary<string, YamlNode>? map)
    {
        var d = new RadiusAccountingConfig();
        var clients = new List<RadiusClientConfig>();
        if (r.Sequence(map, "clients", Path) is { } sequence)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var clientPath = $"{Path}.clients[{i}]";
                var c = r.Mapping(sequence.Children[i], clientPath, "address", "secret");
                clients.Add(new RadiusClientConfig
                {
                    Address = r.String(c, "address", clientPath, "", v => IPAddress.TryParse(v, out _) ? null : "is not an IP address"),
                    // The secret is never echoed: only whether it is there.
                    Secret = r.String(c, "secret", clientPath, "", v => v.Length > 0 ? null : "must not be empty"),
                });
                if (c is not null && !c.ContainsKey("address"))
                    r.Error(sequence.Children[i], clientPath + ".address", "is required");
                if (c is not null && !c.ContainsKey("secret"))
                    r.Error(sequence.Children[i], clientPath + ".secret", "is required (the shared secret the NAS uses)");
            }
        }
        var enabled = r.Bool(map, "enabled", Path, d.Enabled);
        if (enabled && clients.Count == 0 && map is not null)
            r.Error(map.TryGetValue("enabled", out var node) ? node : map.Values.First(), Path + ".clients", "needs at least one client (address and secret) when enabled");
        return new RadiusAccountingConfig
        {
            Enabled = enabled,
            Listen = r.String(map, "listen", Path, d.Listen, v => ConfigLoader.CheckListen(v, allowRemote: true)),
            Clients = clients,
        };
    }
}
