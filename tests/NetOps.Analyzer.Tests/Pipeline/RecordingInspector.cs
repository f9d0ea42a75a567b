using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Tests.Pipeline;

/// <summary>Keeps every call the pipeline makes to an inspector, in order.</summary>
internal sealed class RecordingInspector : IPayloadInspector
{
    public string Name => "recording";

    public List<(PayloadContext Context, byte[] Payload)> Payloads { get; } = [];

    public List<FlowSummary> Ended { get; } = [];

    public List<string> Calls { get; } = [];

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        Payloads.Add((context, payload.ToArray()));
        Calls.Add("inspect " + context.FlowId);
        return FlowInterest.Packets;
    }

    public bool EndOfEveryFlow => true;

    public void OnFlowEnd(in FlowSummary flow)
    {
        Ended.Add(flow);
        Calls.Add("end " + flow.FlowId);
    }

    public void OnEnd() => Calls.Add("on-end");
}
