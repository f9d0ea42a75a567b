using NetOps.Analyzer.Flows;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Tests.Flows;

/// <summary>Keeps every flow end the table reports, for assertions.</summary>
internal sealed class FlowRecorder : IFlowEndObserver
{
    public List<(FlowKey Key, FlowSummary Summary)> Ended { get; } = [];

    public void OnFlowEnd(int index, ref FlowRecord flow, FlowEndReason reason) => Ended.Add((flow.Key, flow.ToSummary(reason)));
}
