using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Storage;
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
    private readonly IdentitySessionPoints _points = new(schema, IdentitySessionPoints.Receiver);

    public long Written { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Receiving RADIUS accounting on udp {EndPoint}", receiver.EndPoint);
        try
        {
            await foreach (var record in receiver.Records.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                record.RecordInto(timeline);
                await writer.WriteAsync(_points.Of(record), stoppingToken).ConfigureAwait(false);
                Written++;
                logger.LogInformation("RADIUS accounting {Status} from {Nas}: user {User} at {Address}", IdentitySessionPoints.Status(record.Status), record.Nas,
                    record.User ?? "(none)", record.FramedIp?.ToString() ?? record.FramedIpv6?.ToIPv6String() ?? "(no address)");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
