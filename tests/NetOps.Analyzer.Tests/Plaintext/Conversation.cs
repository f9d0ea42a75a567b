using System.Text;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Tests.Plaintext;

/// <summary>A synthesized TCP or UDP conversation handed to inspectors packet by packet, as the pipeline would.</summary>
public sealed class Conversation(IPayloadInspector[] inspectors, string client, ushort clientPort, string server, ushort serverPort, byte protocol = IpProtocols.Tcp, ulong flowId = 1)
{
    private long _time = 1_796_200_000L * 1_000_000_000;
    private int _fromClient;
    private int _fromServer;

    public static readonly MacAddress ClientMac = new(0x3c22fb000001);
    public static readonly MacAddress ServerMac = new(0x001e49000002);

    public long Now => _time;

    public Conversation Client(string text) => Client(Encoding.ASCII.GetBytes(text));

    public Conversation Server(string text) => Server(Encoding.ASCII.GetBytes(text));

    public Conversation Client(byte[] payload) => Send(payload, fromClient: true);

    public Conversation Server(byte[] payload) => Send(payload, fromClient: false);

    /// <summary>Each character in its own segment, as a Telnet client in character mode sends them.</summary>
    public Conversation ClientTyping(string text)
    {
        foreach (var c in text)
            Client(c.ToString());
        return this;
    }

    public void End()
    {
        var summary = new FlowSummary
        {
            FlowId = flowId, Protocol = protocol, IpVersion = 4, Client = IpAddress.Parse(client), ClientPort = clientPort, Server = IpAddress.Parse(server),
            ServerPort = serverPort, LastSeenNanos = _time, EndReason = FlowEndReason.Closed,
        };
        foreach (var inspector in inspectors)
            inspector.OnFlowEnd(summary);
        foreach (var inspector in inspectors)
            inspector.OnEnd();
    }

    private Conversation Send(byte[] payload, bool fromClient)
    {
        _time += 10_000_000;
        var context = new PayloadContext
        {
            TimestampNanos = _time, FlowId = flowId, Protocol = protocol, IpVersion = 4,
            Client = IpAddress.Parse(client), ClientPort = clientPort, Server = IpAddress.Parse(server), ServerPort = serverPort,
            FromClient = fromClient, HasMacAddresses = true,
            SourceMac = fromClient ? ClientMac : ServerMac, DestinationMac = fromClient ? ServerMac : ClientMac,
            PayloadPacketInDirection = fromClient ? ++_fromClient : ++_fromServer,
        };
        foreach (var inspector in inspectors)
            inspector.Inspect(context, payload);
        return this;
    }
}
