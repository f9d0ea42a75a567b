using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Inspection;

/// <summary>Why a flow left the flow table.</summary>
public enum FlowEndReason
{
    /// <summary>TCP FIN from both sides, or a RST.</summary>
    Closed,

    /// <summary>No packet for the idle timeout.</summary>
    IdleTimeout,

    /// <summary>Open longer than the active timeout: reported and restarted as a new flow id.</summary>
    ActiveTimeout,

    /// <summary>Pushed out because the table reached its memory bound (counted, never silent).</summary>
    Evicted,

    /// <summary>The input ended with the flow still open.</summary>
    EndOfInput,
}

/// <summary>What the flow table knew of a flow when it ended; handed to <see cref="IPayloadInspector.OnFlowEnd"/>.</summary>
public readonly struct FlowSummary
{
    public ulong FlowId { get; init; }

    /// <summary>6 TCP, 17 UDP (other protocols are flows too but are never handed to inspectors).</summary>
    public byte Protocol { get; init; }

    public byte IpVersion { get; init; }

    public IpAddress Client { get; init; }

    public ushort ClientPort { get; init; }

    public IpAddress Server { get; init; }

    public ushort ServerPort { get; init; }

    public long FirstSeenNanos { get; init; }

    public long LastSeenNanos { get; init; }

    public long PacketsFromClient { get; init; }

    public long PacketsFromServer { get; init; }

    /// <summary>Wire bytes (frame lengths, as tshark counts them) from the client.</summary>
    public long BytesFromClient { get; init; }

    public long BytesFromServer { get; init; }

    public FlowEndReason EndReason { get; init; }

    public double DurationSeconds => (LastSeenNanos - FirstSeenNanos) / 1e9;
}
