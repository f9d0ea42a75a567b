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
/// Hot path: <see cref="Inspect"/> runs for every payload packet, so it must cost nothing for flows it
/// has no interest in (decide early from ports or the first bytes, then remember "not mine").
/// </para>
/// </summary>
public interface IPayloadInspector
{
    /// <summary>Short, stable name (e.g. "dns", "tls", "stratum"): what evidence names as its detector.</summary>
    string Name { get; }

    /// <summary>One TCP or UDP packet with at least one payload byte.</summary>
    void Inspect(in PayloadContext context, ReadOnlySpan<byte> payload);

    /// <summary>The flow ended (FIN/RST, idle or active timeout, eviction, or end of input); the last call for that flow id.</summary>
    void OnFlowEnd(in FlowSummary flow)
    {
    }

    /// <summary>Input ended: every open flow has had <see cref="OnFlowEnd"/>; the last call.</summary>
    void OnEnd()
    {
    }
}
