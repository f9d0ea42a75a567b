using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Plaintext;

/// <summary>Where a plaintext login happened: the TCP flow as its first inspected packet showed it.</summary>
internal class LoginFlow(in PayloadContext context)
{
    public ulong FlowId { get; } = context.FlowId;
    public IpAddress Client { get; } = context.Client;
    public ushort ClientPort { get; } = context.ClientPort;
    public IpAddress Server { get; } = context.Server;
    public ushort ServerPort { get; } = context.ServerPort;
    public MacAddress? ClientMac { get; } = PlaintextDetection.ClientFrameMac(context);
    public long First { get; } = context.TimestampNanos;
    public long Last { get; set; } = context.TimestampNanos;

    public Detection Detection(string protocol, string detector, DetectionConfidence confidence, string evidence, IIdentityLookup? identity) =>
        PlaintextDetection.Create(protocol, detector, confidence, IpProtocols.Tcp, FlowId, Client, ClientPort, Server, ServerPort, ClientMac, First, Last, evidence, identity);
}
