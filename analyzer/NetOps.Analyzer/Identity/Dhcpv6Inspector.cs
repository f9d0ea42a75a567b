using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Protocols.Dhcpv6;

namespace NetOps.Analyzer.Identity;

/// <summary>
/// DHCPv6 seen on the wire: each Reply binds its IA_NA / IA_TA addresses (and IA_PD prefixes) to the
/// client DUID's MAC for their valid lifetime, with the FQDN of the Reply or of the client's request;
/// a lifetime of 0 or a Release ends the binding.
/// </summary>
public sealed class Dhcpv6Inspector(IdentityTimeline timeline) : IPayloadInspector
{
    public const string Source = "dhcpv6";

    private const int PendingCapacity = 4_096;

    private readonly PendingRequests<uint, string> _hostNames = new(PendingCapacity);

    public string Name => Source;

    public InspectorCounters<Dhcpv6Malformed> Counters { get; } = new(Enum.GetValues<Dhcpv6Malformed>().Length);

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != IpProtocols.Udp || context.IpVersion != 6 || !(context.ServerPort is 546 or 547 || context.ClientPort is 546 or 547))
            return FlowInterest.None;
        if (!Dhcpv6Reader.TryRead(payload, out var message, out var error))
        {
            Counters.CountMalformed(error);
            return FlowInterest.Packets;
        }
        Counters.CountMessage();
        switch (message.MessageType)
        {
            case Dhcpv6MessageType.Solicit or Dhcpv6MessageType.Request or Dhcpv6MessageType.Renew or Dhcpv6MessageType.Rebind:
                if (message.TryGetFqdnName(out var requested) && requested.Length > 0)
                    _hostNames.Set(message.TransactionId, requested);
                break;
            case Dhcpv6MessageType.Reply:
                OnReply(context, message);
                break;
            case Dhcpv6MessageType.Release or Dhcpv6MessageType.Decline:
                foreach (var lease in message.ReadLeases())
                    timeline.End(lease.Address, context.TimestampNanos, Source);
                break;
        }
        return FlowInterest.Packets;
    }

    private void OnReply(in PayloadContext context, in Dhcpv6Reader reply)
    {
        MacAddress? mac = Duid.TryGetMac(reply.ClientDuid, out var duidMac) ? duidMac
            : reply.RelayDepth == 0 && context.HasMacAddresses && !context.DestinationMac.IsGroup ? context.DestinationMac
            : null;
        _hostNames.TryTake(reply.TransactionId, out var requested);
        var hostName = reply.TryGetFqdnName(out var name) && name.Length > 0 ? name : requested;
        foreach (var lease in reply.ReadLeases())
        {
            if (lease.ValidLifetime == 0)
            {
                timeline.End(lease.Address, context.TimestampNanos, Source);
                continue;
            }
            var end = lease.ValidLifetime == uint.MaxValue ? long.MaxValue : context.TimestampNanos + (long)lease.ValidLifetime * 1_000_000_000;
            timeline.Record(new IdentityBinding
            {
                Address = lease.Address,
                PrefixLength = lease.PrefixLength,
                StartNanos = context.TimestampNanos,
                EndNanos = end,
                Mac = mac,
                HostName = hostName,
                Source = Source,
            });
            Counters.Bindings++;
        }
    }
}
