using System.Text;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Protocols.Dhcp;

namespace NetOps.Analyzer.Identity;

/// <summary>
/// DHCPv4 seen on the wire: each ACK binds yiaddr to chaddr for the lease time, with the host name
/// of the ACK or of the client's REQUEST; a RELEASE ends the binding.
/// </summary>
public sealed class DhcpInspector(IdentityTimeline timeline) : IPayloadInspector
{
    public const string Source = "dhcp";

    private const int PendingCapacity = 4_096;

    private readonly PendingRequests<(uint Xid, ulong Mac), string> _hostNames = new(PendingCapacity);

    public string Name => Source;

    public InspectorCounters<DhcpMalformed> Counters { get; } = new(Enum.GetValues<DhcpMalformed>().Length);

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != IpProtocols.Udp || context.IpVersion != 4 || !(context.ServerPort is 67 or 68 || context.ClientPort is 67 or 68))
            return FlowInterest.None;
        if (!DhcpReader.TryRead(payload, out var message, out var error))
        {
            Counters.CountMalformed(error);
            return FlowInterest.Packets;
        }
        Counters.CountMessage();
        MacAddress? mac = message.HasClientMac ? message.ClientMac : message.TryGetClientIdentifierMac(out var idMac) ? idMac : null;
        var key = (message.TransactionId, mac?.Value ?? 0);
        switch (message.MessageType)
        {
            case DhcpMessageType.Discover or DhcpMessageType.Request or DhcpMessageType.Inform:
                if (HostName(message) is { } requested)
                    _hostNames.Set(key, requested);
                break;
            case DhcpMessageType.Ack:
                OnAck(context, message, mac, key);
                break;
            case DhcpMessageType.Release:
                timeline.End(message.ClientAddress, context.TimestampNanos, Source);
                break;
        }
        return FlowInterest.Packets;
    }

    private void OnAck(in PayloadContext context, in DhcpReader ack, MacAddress? mac, (uint, ulong) key)
    {
        // An ACK to an INFORM carries no lease: the client configured its address itself.
        if (!ack.HasLeaseTime || ack.YourAddress.IPv4Value == 0)
            return;
        _hostNames.TryTake(key, out var requested);
        var end = ack.LeaseSeconds == uint.MaxValue ? long.MaxValue : context.TimestampNanos + (long)ack.LeaseSeconds * 1_000_000_000;
        timeline.Record(new IdentityBinding
        {
            Address = ack.YourAddress,
            StartNanos = context.TimestampNanos,
            EndNanos = end,
            Mac = mac,
            HostName = HostName(ack) ?? requested,
            Source = Source,
        });
        Counters.Bindings++;
    }

    private static string? HostName(in DhcpReader message)
    {
        if (!message.HostName.IsEmpty)
            return Encoding.ASCII.GetString(message.HostName);
        return DhcpFqdn.TryGetName(message.ClientFqdn, out var fqdn) && fqdn.Length > 0 ? fqdn : null;
    }
}
