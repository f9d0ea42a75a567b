using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Protocols.Radius;

namespace NetOps.Analyzer.Identity;

/// <summary>
/// RADIUS seen on the wire (a mirror port towards the campus RADIUS server): Accounting-Requests
/// (Start / Interim-Update / Stop) and Access-Accepts with a Framed-IP feed the timeline, joined to
/// the user and Calling-Station-Id MAC of the Access-Request they answer.
/// </summary>
public sealed class RadiusInspector(IdentityTimeline timeline) : IPayloadInspector
{
    private const int PendingCapacity = 4_096;

    private readonly PendingRequests<(IpAddress Nas, ushort Port, byte Id), (string? User, MacAddress? Mac)> _requests = new(PendingCapacity);

    public string Name => "radius";

    /// <summary>Every Accounting-Request read (retransmissions included; the wire does not say which the server accepted), after it fed the timeline.</summary>
    public event Action<AccountingRecord>? AccountingRead;

    public InspectorCounters<RadiusMalformed> Counters { get; } = new(Enum.GetValues<RadiusMalformed>().Length);

    public static bool IsRadiusPort(ushort port) => port is 1812 or 1813 or 1645 or 1646;

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != IpProtocols.Udp || !(IsRadiusPort(context.ServerPort) || IsRadiusPort(context.ClientPort)))
            return FlowInterest.None;
        if (!RadiusReader.TryRead(payload, out var packet, out var error))
        {
            Counters.CountMalformed(error);
            return FlowInterest.Packets;
        }
        Counters.CountMessage();
        switch (packet.Code)
        {
            case RadiusCode.AccessRequest:
                MacAddress? mac = MacText.TryParse(packet.CallingStationId, out var parsed) ? parsed : null;
                _requests.Set((context.Source, context.SourcePort, packet.Identifier), (AccountingRecord.Text(packet.UserName), mac));
                break;
            case RadiusCode.AccessAccept:
                OnAccept(context, packet);
                break;
            case RadiusCode.AccountingRequest:
                var record = AccountingRecord.From(packet, context.TimestampNanos, context.Source);
                Counters.Bindings += record.RecordInto(timeline);
                AccountingRead?.Invoke(record);
                break;
        }
        return FlowInterest.Packets;
    }

    private void OnAccept(in PayloadContext context, in RadiusReader accept)
    {
        _requests.TryTake((context.Destination, context.DestinationPort, accept.Identifier), out var request);
        var user = AccountingRecord.Text(accept.UserName) ?? request.User;
        var start = context.TimestampNanos;
        var end = start + (accept.HasSessionTimeout ? (long)accept.SessionTimeout * 1_000_000_000 : timeline.OpenSessionHorizonNanos);
        IpAddress? ipv4 = accept.HasFramedIpAddress && RadiusAddresses.IsHostAddress(accept.FramedIpAddress) ? accept.FramedIpAddress : null;
        IpAddress? ipv6 = accept.HasFramedIpv6Address ? accept.FramedIpv6Address : null;
        IpAddress? prefix = accept.HasFramedIpv6Prefix ? accept.FramedIpv6Prefix : null;
        var nas = accept.HasNasIpAddress ? accept.NasIpAddress : context.Destination;
        Counters.Bindings += RadiusAddresses.Record(timeline, ipv4, ipv6, prefix, accept.FramedIpv6PrefixLength, user, request.Mac, start, end, nas);
    }
}
