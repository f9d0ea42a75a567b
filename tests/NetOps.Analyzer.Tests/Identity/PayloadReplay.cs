using NetOps.Analyzer.Inspection;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Identity;

/// <summary>
/// Hands every TCP/UDP payload of a capture file to inspectors the way the pipeline does: per flow
/// (client = sender of the flow's first packet, or of a SYN without ACK), in capture order, with
/// OnFlowEnd for every flow and OnEnd at the end of the file. A test stand-in for the pipeline,
/// which is not part of this change.
/// </summary>
public static class PayloadReplay
{
    public static void Run(string path, params IPayloadInspector[] inspectors)
    {
        var flows = new Dictionary<(IpAddress, ushort, IpAddress, ushort, byte), Flow>();
        ulong nextId = 1;
        using var reader = CaptureFile.Open(path);
        while (reader.TryReadNext(out var header, out var data))
        {
            var packet = new DecodedPacket();
            PacketDecoder.Decode(header, data, ref packet);
            var protocol = packet.Transport.Protocol;
            if (protocol is not (IpProtocols.Tcp or IpProtocols.Udp) || !packet.Transport.HasPorts || packet.InnerIp.IsLaterFragment)
                continue;
            var (src, sport, dst, dport) = (packet.InnerIp.Source, packet.Transport.SourcePort, packet.InnerIp.Destination, packet.Transport.DestinationPort);
            Flow flow;
            bool fromClient;
            if (flows.TryGetValue((src, sport, dst, dport, protocol), out var forward))
                (flow, fromClient) = (forward, true);
            else if (flows.TryGetValue((dst, dport, src, sport, protocol), out var reverse))
                (flow, fromClient) = (reverse, false);
            else
            {
                flow = new Flow(nextId++, src, sport, dst, dport, protocol, packet.IpVersion, header.TimestampNanos);
                flows[(src, sport, dst, dport, protocol)] = flow;
                fromClient = true;
            }
            flow.Last = header.TimestampNanos;
            if (packet.PayloadLength == 0)
                continue;
            var count = fromClient ? ++flow.ClientPayloads : ++flow.ServerPayloads;
            var context = new PayloadContext
            {
                TimestampNanos = header.TimestampNanos,
                FlowId = flow.Id,
                Protocol = protocol,
                IpVersion = packet.IpVersion,
                Client = flow.Client,
                ClientPort = flow.ClientPort,
                Server = flow.Server,
                ServerPort = flow.ServerPort,
                FromClient = fromClient,
                HasMacAddresses = packet.HasMacAddresses,
                SourceMac = packet.SourceMac,
                DestinationMac = packet.DestinationMac,
                TcpFlags = packet.Transport.TcpFlags,
                TcpSequence = packet.Transport.SequenceNumber,
                PayloadPacketInDirection = count,
            };
            var payload = data.Slice(packet.PayloadOffset, packet.PayloadLength);
            foreach (var inspector in inspectors)
                inspector.Inspect(context, payload);
        }
        foreach (var flow in flows.Values.OrderBy(f => f.Id))
        {
            var summary = new FlowSummary
            {
                FlowId = flow.Id, Protocol = flow.Protocol, IpVersion = flow.IpVersion, Client = flow.Client, ClientPort = flow.ClientPort,
                Server = flow.Server, ServerPort = flow.ServerPort, FirstSeenNanos = flow.First, LastSeenNanos = flow.Last, EndReason = FlowEndReason.EndOfInput,
            };
            foreach (var inspector in inspectors)
                inspector.OnFlowEnd(summary);
        }
        foreach (var inspector in inspectors)
            inspector.OnEnd();
    }

    private sealed class Flow(ulong id, IpAddress client, ushort clientPort, IpAddress server, ushort serverPort, byte protocol, byte ipVersion, long first)
    {
        public ulong Id { get; } = id;
        public IpAddress Client { get; } = client;
        public ushort ClientPort { get; } = clientPort;
        public IpAddress Server { get; } = server;
        public ushort ServerPort { get; } = serverPort;
        public byte Protocol { get; } = protocol;
        public byte IpVersion { get; } = ipVersion;
        public long First { get; } = first;
        public long Last { get; set; }
        public int ClientPayloads { get; set; }
        public int ServerPayloads { get; set; }
    }
}
