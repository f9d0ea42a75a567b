using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Protocols.Radius;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Analyzer.Storage;

/// <summary>
/// An <see cref="AccountingRecord"/> as the store keeps it: measurement identity_session in the events
/// retention policy (store/schema.yaml), tagged with where the request came from. The one builder for
/// both the RADIUS accounting receiver and accounting seen on the wire.
/// </summary>
/// <remarks>One instance per writing thread (the receiver's loop, or one pipeline's thread).</remarks>
/// <param name="source">The <c>source</c> tag: <see cref="Receiver"/> or <see cref="Capture"/>.</param>
public sealed class IdentitySessionPoints(StoreSchema schema, string source)
{
    public const string Measurement = "identity_session";

    /// <summary>Requests the UDP accounting receiver accepted and answered.</summary>
    public const string Receiver = "radius_accounting";

    /// <summary>Requests seen on the wire (a mirror port, or a capture file).</summary>
    public const string Capture = "capture";

    /// <summary>How far back a request may be seen and still be moved after the previous point (1 s).</summary>
    public const long BumpWindowNanos = 1_000_000_000;

    private long _lastTimestamp = long.MinValue;

    public Point Of(AccountingRecord record)
    {
        var point = schema.NewPoint(Measurement)
            .Tag("nas", record.Nas.ToString())
            .Tag("status", Status(record.Status))
            .Tag("source", source)
            .Field("user", record.User ?? "")
            .Field("ip", record.FramedIp?.ToString() ?? "")
            .Field("ipv6", record.FramedIpv6?.ToIPv6String() ?? (record.FramedIpv6Prefix is { } prefix ? $"{prefix.ToIPv6String()}/{record.FramedIpv6PrefixLength}" : ""))
            .Field("mac", record.Mac?.ToString() ?? "")
            .Field("session_id", record.SessionId ?? "")
            .Field("nas_identifier", record.NasIdentifier ?? "")
            .Field("session_start_seconds", record.SessionStartNanos / 1_000_000_000);
        if (record.SessionTimeSeconds is { } sessionTime)
            point.Field("session_time_seconds", (long)sessionTime);
        return point.TimestampNs(NextTimestamp(record.SeenNanos));
    }

    /// <summary>
    /// Distinct timestamps: a request seen in the same nanosecond as the previous one, or up to
    /// <see cref="BumpWindowNanos"/> before it (a burst out of order), goes one nanosecond after it, so
    /// it does not overwrite it. A request further back in time (the next capture file of an import is
    /// older) keeps its own time; so the same capture imported again overwrites instead of doubling.
    /// </summary>
    private long NextTimestamp(long seenNanos)
    {
        var next = seenNanos <= _lastTimestamp && _lastTimestamp - seenNanos < BumpWindowNanos ? _lastTimestamp + 1 : seenNanos;
        return _lastTimestamp = next;
    }

    public static string Status(AcctStatusType status) => status switch
    {
        AcctStatusType.Start => "start",
        AcctStatusType.InterimUpdate => "interim",
        AcctStatusType.Stop => "stop",
        AcctStatusType.AccountingOn => "accounting_on",
        AcctStatusType.AccountingOff => "accounting_off",
        _ => "other",
    };
}
