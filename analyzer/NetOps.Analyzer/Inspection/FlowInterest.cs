namespace NetOps.Analyzer.Inspection;

/// <summary>
/// What an <see cref="IPayloadInspector"/> still wants of a flow, answered after each of its packets.
/// The pipeline keeps the answer per flow and inspector, so a detector that has decided about a flow
/// ("not DNS", "hello read") costs nothing for the rest of it.
/// </summary>
public enum FlowInterest : byte
{
    /// <summary>The flow's next payload packets, and its end.</summary>
    Packets,

    /// <summary>No more packets, but the flow's end (<see cref="IPayloadInspector.OnFlowEnd"/>): the inspector still holds state for it.</summary>
    End,

    /// <summary>Nothing more of this flow: the inspector holds nothing for it, not even for its end.</summary>
    None,
}
