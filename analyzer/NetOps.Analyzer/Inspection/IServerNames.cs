namespace NetOps.Analyzer.Inspection;

/// <summary>
/// Server names learned by the application detectors (TLS SNI, HTTP Host, QUIC, or the DNS answer
/// that resolved the server's address shortly before the flow): what the traffic aggregator uses
/// for "bytes per application by server name" and the DNS-visibility figure.
/// </summary>
public interface IServerNames
{
    /// <summary>The server name of a flow, when one is known; asked at the latest in the flow's <see cref="IPayloadInspector.OnFlowEnd"/>.</summary>
    bool TryGetServerName(ulong flowId, out string serverName);
}
