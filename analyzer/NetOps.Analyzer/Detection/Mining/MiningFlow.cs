using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Mining;

/// <summary>How a flow's payload is framed, judged from its first payload bytes.</summary>
internal enum MiningFlowMode : byte
{
    Undecided,

    /// <summary>Newline-terminated JSON (Stratum, EthProxy, CryptoNote).</summary>
    JsonLines,

    /// <summary>HTTP/1.x (getwork/getblocktemplate bodies; a WebSocket upgrade switches a direction to frames).</summary>
    Http,

    /// <summary>TLS or unrecognized binary: only behaviour, names and the Stratum V2 handshake size tell.</summary>
    Opaque,

    /// <summary>Read enough (settled, foreign, a web page request, or the streams full): nothing more to read.</summary>
    Done,
}

/// <summary>What the mining inspector keeps of one TCP flow; stream buffers only while it may still be mining.</summary>
internal sealed class MiningFlow
{
    public MiningFlowMode Mode;

    /// <summary>The flow began as JSON, HTTP or a known node protocol: its payload was readable, not opaque.</summary>
    public bool Plaintext;

    public bool Tls;

    /// <summary>An HTTP request that was no mining RPC and no WebSocket upgrade: a web page or API visit.</summary>
    public bool WebRequest;

    public bool ClientWebSocket;
    public bool ServerWebSocket;
    public MacAddress? ClientMac;
    public MacAddress? ServerMac;
    public long FirstPayloadNanos;
    public FlowBehaviour Behaviour;

    public TcpDirectionStream? ClientStream;
    public TcpDirectionStream? ServerStream;
    public JsonLineFramer ClientLines;
    public JsonLineFramer ServerLines;
    public HttpMessageFramer ClientHttp;
    public HttpMessageFramer ServerHttp;
    public WebSocketFrameReader ClientFrames;
    public WebSocketFrameReader ServerFrames;
    public MiningConversation? Conversation;

    /// <summary>True while there is something left to read.</summary>
    public bool Reading => Mode is MiningFlowMode.JsonLines or MiningFlowMode.Http;

    public TcpDirectionStream Stream(bool fromClient, int capacity) =>
        fromClient ? ClientStream ??= new TcpDirectionStream(capacity) : ServerStream ??= new TcpDirectionStream(capacity);

    /// <summary>Stops reading and gives the stream buffers back; the verdict so far stays.</summary>
    public void StopReading()
    {
        if (Reading)
            Mode = MiningFlowMode.Done;
        ClientStream?.Release();
        ServerStream?.Release();
        ClientStream = null;
        ServerStream = null;
    }
}
