using NetOps.Analyzer.Traffic;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Analyzer.Storage;

/// <summary>
/// A <see cref="TrafficInterval"/> as the points store/schema.yaml declares (traffic_interval,
/// traffic_ip_version, traffic_ipv6, traffic_host, traffic_application, traffic_flows,
/// traffic_malformed), each stamped with the interval's start and tagged with the capture point.
/// </summary>
public sealed class TrafficPoints(StoreSchema schema, string capture, int maxApplicationPoints = 100)
{
    /// <summary>The measurements this converter writes (for tests and documentation).</summary>
    public static readonly IReadOnlyList<string> Measurements =
        ["traffic_interval", "traffic_ip_version", "traffic_ipv6", "traffic_host", "traffic_application", "traffic_flows", "traffic_malformed"];

    private const int MaxServerNameLength = 253;

    public List<Point> Of(TrafficInterval interval, int flowCapacity)
    {
        var seconds = (interval.EndNanos - interval.StartNanos) / 1e9;
        var points = new List<Point>();
        Point New(string measurement) => schema.NewPoint(measurement).Tag("capture", capture).TimestampNs(interval.StartNanos);
        double Bps(long bytes) => seconds > 0 ? bytes * 8 / seconds : 0;

        var traffic = interval.Traffic;
        points.Add(New("traffic_interval")
            .Field("interval_seconds", seconds)
            .Field("packets", traffic.Total.Packets)
            .Field("bytes", traffic.Total.Bytes)
            .Field("bps", Bps(traffic.Total.Bytes))
            .Field("capture_drops", interval.CaptureDrops)
            .Field("malformed_packets", interval.MalformedTotal)
            .Field("limit_reached", interval.LimitReached));

        foreach (var (version, counts) in new[] { ("ipv4", traffic.Ipv4), ("ipv6", traffic.Ipv6), ("non_ip", traffic.NonIp) })
        {
            points.Add(New("traffic_ip_version").Tag("ip_version", version)
                .Field("packets", counts.Packets).Field("bytes", counts.Bytes).Field("bps", Bps(counts.Bytes)));
        }

        points.Add(New("traffic_ipv6")
            .Field("byte_share_percent", traffic.Ipv6ByteShare * 100)
            .Field("packet_share_percent", traffic.Ipv6PacketShare * 100)
            .Field("ipv6_hosts", interval.Ipv6Hosts)
            .Field("dual_stack_hosts", interval.DualStackHosts));

        for (var i = 0; i < interval.TopHosts.Count; i++)
        {
            var host = interval.TopHosts[i];
            points.Add(New("traffic_host").Tag("address", host.AddressText).Tag("ip_version", host.IpVersion == 6 ? "ipv6" : "ipv4")
                .Field("rank", i + 1)
                .Field("bytes_sent", host.BytesSent).Field("bytes_received", host.BytesReceived)
                .Field("packets_sent", host.PacketsSent).Field("packets_received", host.PacketsReceived));
        }

        foreach (var application in interval.Applications.Take(maxApplicationPoints))
        {
            points.Add(New("traffic_application").Tag("application", application.Application).Tag("server_name", TagText(application.ServerName))
                .Field("packets", application.Packets).Field("bytes", application.Bytes).Field("flows", application.Flows));
        }

        var flows = interval.Flows;
        points.Add(New("traffic_flows")
            .Field("active", flows.Active)
            .Field("capacity", flowCapacity)
            .Field("started", flows.Started)
            .Field("ended_closed", flows.EndedClosed)
            .Field("ended_idle_timeout", flows.EndedIdleTimeout)
            .Field("ended_active_timeout", flows.EndedActiveTimeout)
            .Field("ended_evicted", flows.EndedEvicted)
            .Field("ended_end_of_input", flows.EndedEndOfInput)
            .Field("evicted_closed_linger_cut", flows.EvictedClosedLingerCut)
            .Field("evicted_one_way", flows.EvictedOneWay)
            .Field("evicted_two_way", flows.EvictedTwoWay));

        foreach (var malformed in interval.Malformed)
        {
            points.Add(New("traffic_malformed").Tag("reason", malformed.Reason.ToString()).Tag("layer", malformed.Layer.ToString())
                .Field("packets", malformed.Packets));
        }
        return points;
    }

    /// <summary>A server name as a tag value: control characters and backslashes (which line protocol cannot carry back) become '?', at most 253 characters.</summary>
    private static string? TagText(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.Length > MaxServerNameLength)
            text = text[..MaxServerNameLength];
        return string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = char.IsControl(source[i]) || source[i] == '\\' ? '?' : source[i];
        });
    }
}
