using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Flows;

/// <summary>
/// One flow in the <see cref="FlowTable"/>: a slot of its preallocated pool, valid while the flow is
/// open (read it through <see cref="FlowTable.this[int]"/> during the call that handed out its index).
/// </summary>
public struct FlowRecord
{
    public FlowKey Key;

    /// <summary>Unique within one table's life: ids are never reused.</summary>
    public ulong Id;

    /// <summary>True when the client is the key's side A.</summary>
    public bool ClientIsA;

    public long FirstSeenNanos;

    public long LastSeenNanos;

    public long PacketsFromClient;

    public long PacketsFromServer;

    /// <summary>Wire bytes (frame lengths) sent by the client.</summary>
    public long BytesFromClient;

    public long BytesFromServer;

    /// <summary>TCP/UDP packets with at least one payload byte, per direction.</summary>
    public int PayloadPacketsFromClient;

    public int PayloadPacketsFromServer;

    /// <summary>The source MAC of the client's first frame that had one (<see cref="HasClientMac"/>).</summary>
    public MacAddress ClientMac;

    public MacAddress ServerMac;

    public bool HasClientMac;

    public bool HasServerMac;

    /// <summary>TCP: the client has sent a FIN.</summary>
    public bool FinFromClient;

    public bool FinFromServer;

    /// <summary>TCP: a RST was seen, or a FIN from both sides; the flow lingers for late ACKs, then ends <see cref="FlowEndReason.Closed"/>.</summary>
    public bool IsClosing;

    /// <summary>Bit i: inspector i of the pipeline wants no more packets of this flow.</summary>
    internal ulong InspectorsWithoutPackets;

    /// <summary>Bit i: inspector i holds nothing for this flow, not even for its end.</summary>
    internal ulong InspectorsWithoutEnd;

    /// <summary>The pipeline handed the flow's packets to its inspectors.</summary>
    internal bool Inspected;

    internal uint Hash;
    internal int Previous;
    internal int Next;

    public readonly IpAddress Client => ClientIsA ? Key.AddressA : Key.AddressB;

    public readonly IpAddress Server => ClientIsA ? Key.AddressB : Key.AddressA;

    public readonly ushort ClientPort => ClientIsA ? Key.PortA : Key.PortB;

    public readonly ushort ServerPort => ClientIsA ? Key.PortB : Key.PortA;

    public readonly long Packets => PacketsFromClient + PacketsFromServer;

    public readonly long Bytes => BytesFromClient + BytesFromServer;

    /// <summary>The flow as handed to inspectors when it ends.</summary>
    public readonly FlowSummary ToSummary(FlowEndReason reason) => new()
    {
        FlowId = Id,
        Protocol = Key.Protocol,
        IpVersion = Key.IpVersion,
        Client = Client,
        ClientPort = ClientPort,
        Server = Server,
        ServerPort = ServerPort,
        FirstSeenNanos = FirstSeenNanos,
        LastSeenNanos = LastSeenNanos,
        PacketsFromClient = PacketsFromClient,
        PacketsFromServer = PacketsFromServer,
        BytesFromClient = BytesFromClient,
        BytesFromServer = BytesFromServer,
        EndReason = reason,
    };
}
