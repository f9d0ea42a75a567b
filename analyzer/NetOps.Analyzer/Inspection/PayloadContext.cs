using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Inspection;

/// <summary>
/// Where one payload packet belongs: its flow and its direction. Filled by the pipeline from the
/// decoded packet and the flow table, handed to every <see cref="IPayloadInspector"/>.
/// "Client" is the flow's initiator as the flow table judged it (the sender of the first packet,
/// or of a SYN without ACK when the flow's start was captured); "server" is the other side.
/// </summary>
public readonly struct PayloadContext
{
    /// <summary>Capture time, nanoseconds since the Unix epoch (UTC).</summary>
    public long TimestampNanos { get; init; }

    /// <summary>Unique within one pipeline run: never reused for another flow.</summary>
    public ulong FlowId { get; init; }

    /// <summary>6 TCP or 17 UDP.</summary>
    public byte Protocol { get; init; }

    /// <summary>4 or 6: the version of the (innermost) IP layer.</summary>
    public byte IpVersion { get; init; }

    public IpAddress Client { get; init; }

    public ushort ClientPort { get; init; }

    public IpAddress Server { get; init; }

    public ushort ServerPort { get; init; }

    /// <summary>True when this packet went from client to server.</summary>
    public bool FromClient { get; init; }

    /// <summary>True when the frame's link layer gave MAC addresses (see <see cref="DecodedPacket.HasMacAddresses"/>).</summary>
    public bool HasMacAddresses { get; init; }

    /// <summary>The frame's source MAC (of this packet's sender on the captured segment).</summary>
    public MacAddress SourceMac { get; init; }

    /// <summary>The frame's destination MAC.</summary>
    public MacAddress DestinationMac { get; init; }

    /// <summary>TCP flags (0 for UDP).</summary>
    public TcpFlags TcpFlags { get; init; }

    /// <summary>TCP sequence number of this segment's first payload byte (0 for UDP).</summary>
    public uint TcpSequence { get; init; }

    /// <summary>1-based count of payload packets seen in this flow in this packet's direction, this one included.</summary>
    public int PayloadPacketInDirection { get; init; }

    /// <summary>Payload packets seen so far in this flow in the other direction (0: the other side has sent no payload yet).</summary>
    public int PayloadPacketsOtherDirection { get; init; }

    public IpAddress Source => FromClient ? Client : Server;

    public IpAddress Destination => FromClient ? Server : Client;

    public ushort SourcePort => FromClient ? ClientPort : ServerPort;

    public ushort DestinationPort => FromClient ? ServerPort : ClientPort;
}
