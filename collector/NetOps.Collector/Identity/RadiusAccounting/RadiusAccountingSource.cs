using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Protocols.Radius;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Collector.Identity.RadiusAccounting;

/// <summary>
/// Turns every Accounting-Request the receiver accepted into an <c>identity_session</c> event
/// (retention policy <c>events</c>) and a binding of the identity timeline, so detections name the
/// user holding an address.
/// </summary>
public sealed class RadiusAccountingSource(RadiusAccountingReceiver receiver, IdentityTimeline timeline, StoreWriter writer, StoreSchema schema,
    ILogger<RadiusAccountingSource> logger) : BackgroundService
{
    private long _lastTimestamp;

    public long Written { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Receiving RADIUS accounting on udp {EndPoint}", receiver.EndPoint);
        try
        {
            await foreach (var record in receiver.Records.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                record.RecordInto(timeline);
                await writer.WriteAsync(ToPoint(record), stoppingToken).ConfigureAwait(false);
                Written++;
                logger.LogInformation("RADIUS accounting {Status} from {Nas}: user {User} at {Address}", Status(record.Status), record.Nas,
                    record.User ?? "(none)", record.FramedIp?.ToString() ?? record.FramedIpv6?.ToIPv6String() ?? "(no address)");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public Point ToPoint(AccountingRecord record)
    {
        var point = schema.NewPoint("identity_session")
            .Tag("nas", record.Nas.ToString())
            .Tag("status", Status(record.Status))
            .Tag("source", "radius_accounting")
            .Field("user", record.User ?? "")
            .Field("ip", record.FramedIp?.ToString() ?? "")
            .Field("ipv6", record.FramedIpv6?.ToIPv6String() ?? (record.FramedIpv6Prefix is { } prefix ? $"{prefix.ToIPv6String()}/{record.FramedIpv6PrefixLength}" : ""))
            .Field("mac", record.Mac?.ToString() ?? "")
            .Field("session_id", record.SessionId ?? "")
            .Field("nas_identifier", record.NasIdentifier ?? "")
            .Field("session_start_seconds", record.SessionStartNanos / 1_000_000_000);
        if (record.SessionTimeSeconds is { } sessionTime)
            point.Field("session_time_seconds", (long)sessionTime);
        // Distinct timestamps: two requests in the same nanosecond must not overwrite each other.
        var ts = _lastTimestamp = Math.Max(record.SeenNanos, _lastTimestamp + 1);
        return point.TimestampNs(ts);
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
