using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Flows;

/// <summary>Told of every flow the moment before it leaves the table (its slot is still valid during the call).</summary>
public interface IFlowEndObserver
{
    void OnFlowEnd(int index, ref FlowRecord flow, FlowEndReason reason);
}
