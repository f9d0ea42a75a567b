using NetOps.Analyzer.Inspection;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>
/// Feeds frames to inspectors the way the analysis pipeline does, until the flows helper's pipeline
/// lands: decodes each frame with PacketDecoder, keys TCP/UDP flows by 5-tuple (the client is the
/// sender of a SYN without ACK, else of the first packet), hands every packet with payload over with
/// its <see cref="PayloadContext"/>, ends each flow at its FIN/RST exchange or at the end of input.
/// </summary>
public sealed class InspectorHarness(params IPayloadInspector[] inspectors)
{
    private readonly Dictionary<(IpAddress, ushort, IpAddress, ushort, byte), Flow> _flows = [];
    private ulong _nextFlowId = 1;

    public int Flows { get; private set; }

    public void Run(LinkType linkType, IEnumerable<(long Nanos, byte[] Frame)> frames)
    {
        var packet = new DecodedPacket();
        foreach (var (nanos, frame) in frames)
            Feed(linkType, nanos, frame, ref packet);
        End();
    }

    public void RunFile(string path)
    {
        using var reader = CaptureFile.Open(path);
        var packet = new DecodedPacket();
        while (reader.TryReadNext(out var header, out var data))
            Feed(header.LinkType, header.TimestampNanos, data, ref packet, header.OriginalLength);
        End();
    }

    private void Feed(LinkType linkType, long nanos, ReadOnlySpan<byte> frame, ref DecodedPacket packet, int? wireLength = null)
    {
        PacketDecoder.Decode(linkType, frame, wireLength ?? frame.Length, ref packet);
        var transport = packet.Transport;
        if (!packet.IsIp || transport.Protocol is not (6 or 17) || !transport.HasPorts)
            return;
        var source = packet.InnerIp.Source;
        var destination = packet.InnerIp.Destination;
        var forward = (source, transport.SourcePort, destination, transport.DestinationPort, transport.Protocol);
        var backward = (destination, transport.DestinationPort, source, transport.SourcePort, transport.Protocol);
        bool fromClient;
        if (_flows.TryGetValue(forward, out var flow))
            fromClient = true;
        else if (_flows.TryGetValue(backward, out flow))
            fromClient = false;
        else
        {
            var synAck = (transport.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);
            flow = synAck
                ? new Flow(_nextFlowId++, destination, transport.DestinationPort, source, transport.SourcePort, transport.Protocol, packet.IpVersion, nanos)
                : new Flow(_nextFlowId++, source, transport.SourcePort, destination, transport.DestinationPort, transport.Protocol, packet.IpVersion, nanos);
            _flows.Add(synAck ? backward : forward, flow);
            Flows++;
            fromClient = !synAck;
        }
        flow.Last = nanos;
        if (fromClient)
        {
            flow.ClientPackets++;
            flow.ClientBytes += packet.WireLength;
        }
        else
        {
            flow.ServerPackets++;
            flow.ServerBytes += packet.WireLength;
        }
        if (packet.PayloadLength > 0)
        {
            if (fromClient)
                flow.ClientPayloadPackets++;
            else
                flow.ServerPayloadPackets++;
            var context = new PayloadContext
            {
                TimestampNanos = nanos,
                FlowId = flow.Id,
                Protocol = flow.Protocol,
                IpVersion = flow.IpVersion,
                Client = flow.Client,
                ClientPort = flow.ClientPort,
                Server = flow.Server,
                ServerPort = flow.ServerPort,
                FromClient = fromClient,
                HasMacAddresses = packet.HasMacAddresses,
                SourceMac = packet.SourceMac,
                DestinationMac = packet.DestinationMac,
                TcpFlags = transport.TcpFlags,
                TcpSequence = transport.SequenceNumber,
                PayloadPacketInDirection = fromClient ? flow.ClientPayloadPackets : flow.ServerPayloadPackets,
            };
            var payload = frame.Slice(packet.PayloadOffset, packet.PayloadLength);
            foreach (var inspector in inspectors)
                inspector.Inspect(context, payload);
        }
        if (flow.Protocol == 6)
        {
            if ((transport.TcpFlags & TcpFlags.Rst) != 0)
                EndFlow(fromClient ? forward : backward, flow, FlowEndReason.Closed);
            else if ((transport.TcpFlags & TcpFlags.Fin) != 0)
            {
                flow.Fins |= fromClient ? 1 : 2;
                if (flow.Fins == 3)
                    flow.Closing = true;
            }
            else if (flow.Closing && (transport.TcpFlags & TcpFlags.Ack) != 0)
                EndFlow(fromClient ? forward : backward, flow, FlowEndReason.Closed);
        }
    }

    private void End()
    {
        foreach (var (key, flow) in _flows.ToList())
            EndFlow(key, flow, FlowEndReason.EndOfInput);
        foreach (var inspector in inspectors)
            inspector.OnEnd();
    }

    private void EndFlow((IpAddress, ushort, IpAddress, ushort, byte) key, Flow flow, FlowEndReason reason)
    {
        _flows.Remove(key);
        var summary = new FlowSummary
        {
            FlowId = flow.Id,
            Protocol = flow.Protocol,
            IpVersion = flow.IpVersion,
            Client = flow.Client,
            ClientPort = flow.ClientPort,
            Server = flow.Server,
            ServerPort = flow.ServerPort,
            FirstSeenNanos = flow.First,
            LastSeenNanos = flow.Last,
            PacketsFromClient = flow.ClientPackets,
            PacketsFromServer = flow.ServerPackets,
            BytesFromClient = flow.ClientBytes,
            BytesFromServer = flow.ServerBytes,
            EndReason = reason,
        };
        foreach (var inspector in inspectors)
            inspector.OnFlowEnd(summary);
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
        public long Last;
        public long ClientPackets, ServerPackets, ClientBytes, ServerBytes;
        public int ClientPayloadPackets, ServerPayloadPackets;
        public int Fins;
        public bool Closing;
    }
}

/// <summary>Collects what detectors report.</summary>
public sealed class DetectionList : IDetectionSink
{
    public List<NetOps.Analyzer.Inspection.Detection> Detections { get; } = [];

    public void Report(NetOps.Analyzer.Inspection.Detection detection) => Detections.Add(detection);
}
