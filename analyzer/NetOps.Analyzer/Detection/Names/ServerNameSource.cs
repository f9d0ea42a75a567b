namespace NetOps.Analyzer.Detectors.Names;

/// <summary>Where a server name was seen.</summary>
public enum ServerNameSource : byte
{
    /// <summary>The server_name of a TLS ClientHello over TCP.</summary>
    TlsSni,
    /// <summary>The server_name of a ClientHello decrypted from QUIC Initial packets.</summary>
    QuicSni,
    /// <summary>The Host header of an HTTP/1.x request.</summary>
    HttpHost,
    /// <summary>A name a client asked its resolver for (not a flow's name: the flow is the DNS exchange).</summary>
    DnsQuery,
    /// <summary>A flow's name taken from the DNS answer that resolved its server's address for its client.</summary>
    DnsAnswer,
}

/// <summary>Told of every server name an application detector sees (the behaviour auditor, for one).</summary>
public interface IServerNameObserver
{
    void OnServerName(in Inspection.PayloadContext context, string name, ServerNameSource source);
}
