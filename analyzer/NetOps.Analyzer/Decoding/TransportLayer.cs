namespace NetOps.Analyzer.Decoding;

/// <summary>
/// The transport header of the innermost IP layer. <see cref="Protocol"/> 0 means none was decoded
/// (not IP, a later fragment, ESP, an unknown protocol, or a malformed header).
/// </summary>
public struct TransportLayer
{
    /// <summary>6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6; 0 when no transport header was decoded.</summary>
    public byte Protocol;

    /// <summary>Where the transport header starts in the frame.</summary>
    public int Offset;

    /// <summary>TCP header with options (data offset × 4), UDP 8, ICMP/ICMPv6 the bytes up to the message body.</summary>
    public int HeaderLength;

    /// <summary>True for TCP and UDP (the port fields below are valid).</summary>
    public bool HasPorts;

    public ushort SourcePort;

    public ushort DestinationPort;

    public TcpFlags TcpFlags;

    public uint SequenceNumber;

    public uint AcknowledgementNumber;

    public ushort Window;

    /// <summary>The UDP header's length field.</summary>
    public ushort UdpLength;

    public byte IcmpType;

    public byte IcmpCode;

    /// <summary>ICMP/ICMPv6 echo identifier (echo request and reply only).</summary>
    public ushort IcmpIdentifier;

    /// <summary>True for ICMPv6 neighbour solicitation, advertisement and redirect: <see cref="NdTarget"/> is set.</summary>
    public bool HasNdTarget;

    /// <summary>The neighbour discovery target address (NS, NA, redirect).</summary>
    public IpAddress NdTarget;

    /// <summary>True when a neighbour discovery message carried a source or target link-layer address option.</summary>
    public bool HasNdLinkLayerAddress;

    /// <summary>The first source/target link-layer address option of an RS, RA, NS, NA or redirect (6-byte addresses).</summary>
    public MacAddress NdLinkLayerAddress;
}
