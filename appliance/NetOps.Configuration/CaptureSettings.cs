using System.Text.RegularExpressions;
using NetOps.Capture.Live;
using YamlDotNet.RepresentationModel;

namespace NetOps.Configuration;

/// <summary>The <c>collector.capture</c> section: live capture with libpcap.</summary>
internal static partial class CaptureSettings
{
    public const string Path = "collector.capture";

    public static readonly string[] Keys = ["interface", "snaplen", "buffer_size", "promiscuous", "filter", "stats_interval", "lab", "lab_mbps", "lab_namespace", "traffic_interval"];

    public static CaptureConfig Bind(YamlNodeReader r, Dictionary<string, YamlNode>? map)
    {
        var d = new CaptureConfig();
        return new CaptureConfig
        {
            Interface = r.String(map, "interface", Path, d.Interface,
                v => InterfaceName().IsMatch(v) ? null : "is not an interface name (at most 15 characters, no spaces or '/'; see `ip link`)"),
            Snaplen = r.Int(map, "snaplen", Path, d.Snaplen, 64, LiveCapture.MaxSnaplen),
            BufferSize = r.Size(map, "buffer_size", Path, d.BufferSize, 1024 * 1024, int.MaxValue),
            Promiscuous = r.Bool(map, "promiscuous", Path, d.Promiscuous),
            Filter = r.String(map, "filter", Path, d.Filter, CheckFilter),
            // libpcap's counters are 32-bit: read at least once a minute, they cannot wrap unseen below 71 M frames/s.
            StatsInterval = r.Duration(map, "stats_interval", Path, d.StatsInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            TrafficInterval = r.Duration(map, "traffic_interval", Path, d.TrafficInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            Lab = r.Bool(map, "lab", Path, d.Lab),
            LabMbps = r.Int(map, "lab_mbps", Path, d.LabMbps, 1, 10_000),
            LabNamespace = r.String(map, "lab_namespace", Path, d.LabNamespace,
                v => NamespaceName().IsMatch(v) ? null : "is not a network namespace name (letters, digits, '-' and '_', at most 32)"),
        };
    }

    private static string? CheckFilter(string filter)
    {
        if (filter.Trim().Length == 0)
            return null;
        try
        {
            return LiveCapture.CheckFilter(filter) is { } problem ? "is not a valid capture filter: " + problem : null;
        }
        catch (LiveCaptureException)
        {
            return null; // libpcap missing here: the capture reports it when it opens
        }
    }

    [GeneratedRegex(@"^[^\s/:]{0,15}$")]
    private static partial Regex InterfaceName();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex NamespaceName();
}
