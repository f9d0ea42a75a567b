namespace NetOps.Analyzer.Inspection;

/// <summary>
/// An application-layer detector plugged into the analysis pipeline (DNS, TLS, HTTP, mining
/// protocols, DHCP, RADIUS…). The pipeline calls it from its one thread, in capture order, for every
/// TCP or UDP packet that carries payload, after the flow table has placed the packet in its flow;
/// an implementation needs no locking of its own.
/// <para>
/// The payload span points into the capture buffer and is valid only during the call. TCP segments
/// arrive as captured (retransmitted, reordered or missing segments included): an inspector that
/// needs a byte stream keeps its own bounded per-flow buffer keyed by <see cref="PayloadContext.FlowId"/>
/// and releases it in <see cref="OnFlowEnd"/>.
/// </para>
/// <para>
/// Hot path: <see cref="Inspect"/> answers a <see cref="FlowInterest"/> and the pipeline remembers it per
/// flow: decide early from ports or the first bytes and answer <see cref="FlowInterest.None"/> ("not
/// mine"), or <see cref="FlowInterest.End"/> once the flow holds nothing more to read. An inspector
/// gets <see cref="OnFlowEnd"/> only for flows it was handed packets of and did not answer
/// <see cref="FlowInterest.None"/> for, unless it asks for <see cref="EndOfEveryFlow"/>.
/// </para>
/// </summary>
public interface IPayloadInspector
{
    /// <summary>Short, stable name (e.g. "dns", "tls", "stratum"): what evidence names as its detector.</summary>
    string Name { get; }

    /// <summary>One TCP or UDP packet with at least one payload byte; answers what the inspector still wants of its flow.</summary>
    FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload);

    /// <summary>True: <see cref="OnFlowEnd"/> for every TCP and UDP flow, payload or not (e.g. to count flows).</summary>
    bool EndOfEveryFlow => false;

    /// <summary>The flow ended (FIN/RST, idle or active timeout, eviction, or end of input); the last call for that flow id.</summary>
    void OnFlowEnd(in FlowSummary flow)
    {
    }

    /// <summary>Input ended: every open flow has had <see cref="OnFlowEnd"/>; the last call.</summary>
    void OnEnd()
    {
    }
}
