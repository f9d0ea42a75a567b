using System.Globalization;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Analyzer.Inspection;

/// <summary>A <see cref="Detection"/> as the store keeps it: measurement security_detection in the events retention policy (store/schema.yaml).</summary>
public static class DetectionPoint
{
    public const string Measurement = "security_detection";

    public static Point From(Detection detection)
    {
        var point = StoreSchema.Current.NewPoint(Measurement)
            .Tag("kind", detection.Kind)
            .Tag("confidence", detection.Confidence.ToString().ToLowerInvariant())
            .Tag("protocol", detection.Protocol)
            .Tag("detector", detection.Detector)
            .Field("client", detection.Client.ToString())
            .Field("client_port", (int)detection.ClientPort)
            .Field("server", detection.Server.ToString())
            .Field("server_port", (int)detection.ServerPort)
            .Field("transport", (int)detection.TransportProtocol)
            .Field("evidence", detection.Evidence)
            .Field("first_seen", Rfc3339(detection.FirstSeenNanos))
            .Field("last_seen", Rfc3339(detection.LastSeenNanos))
            .Field("duration_seconds", (detection.LastSeenNanos - detection.FirstSeenNanos) / 1e9)
            .TimestampNs(detection.FirstSeenNanos);
        if (detection.ClientMac is { } mac)
            point.Field("mac", mac.ToString());
        if (detection.User is { } user)
            point.Field("user", user);
        if (detection.ServerName is { } name)
            point.Field("server_name", name);
        if (detection.Rule is { } rule)
            point.Field("rule", rule);
        return point;
    }

    /// <summary>"2026-11-30T08:00:00.123456789Z".</summary>
    public static string Rfc3339(long unixNanos)
    {
        var seconds = Math.DivRem(unixNanos, 1_000_000_000, out var nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000;
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ss}.{nanos:D9}Z");
    }
}
