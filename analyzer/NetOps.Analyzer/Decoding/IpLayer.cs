namespace NetOps.Analyzer.Decoding;

/// <summary>
/// One decoded IPv4 or IPv6 header. <see cref="Version"/> 0 means the layer is absent. Offsets and
/// lengths are in bytes; offsets count from the start of the frame.
/// </summary>
public struct IpLayer
{
    /// <summary>4 or 6; 0 when there is no such layer.</summary>
    public byte Version;

    public IpAddress Source;

    public IpAddress Destination;

    /// <summary>
    /// The upper-layer protocol: IPv4's protocol field, or for IPv6 the next header that ends the
    /// extension-header chain (6 TCP, 17 UDP, 58 ICMPv6, 41 IPv6, 4 IPv4, 47 GRE, 50 ESP, 59 none…).
    /// </summary>
    public byte Protocol;

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte HopLimit;

    /// <summary>IPv4 type-of-service / IPv6 traffic class byte (DSCP and ECN).</summary>
    public byte TrafficClass;

    /// <summary>Where the IP header starts in the frame.</summary>
    public int Offset;

    /// <summary>IPv4 header with options (IHL × 4); IPv6 40 bytes plus every extension header decoded.</summary>
    public int HeaderLength;

    /// <summary>
    /// The datagram's length as its header says: IPv4 total length, IPv6 40 + payload length. An IPv4
    /// total length of 0 (TCP segmentation offload on the capturing host) is taken as the bytes that
    /// follow in the frame. Ethernet padding after the datagram is not counted. In a layer malformed
    /// by its length (<see cref="MalformedReason.IPv4TotalLengthBeyondFrame"/>,
    /// <see cref="MalformedReason.IPv4TotalLengthBelowHeader"/>, <see cref="MalformedReason.BadIPv6PayloadLength"/>)
    /// it is still the header's value, so it may exceed the frame: use the packet's payload fields for bytes.
    /// </summary>
    public int TotalLength;

    /// <summary>IPv4 identification, or the IPv6 fragment header's identification (0 without one).</summary>
    public uint FragmentId;

    /// <summary>Fragment offset in bytes (the header's 8-byte units × 8).</summary>
    public int FragmentOffset;

    /// <summary>The more-fragments flag.</summary>
    public bool MoreFragments;

    /// <summary>IPv4's don't-fragment flag.</summary>
    public bool DontFragment;

    /// <summary>True when the datagram is a fragment: IPv4 with MF or an offset, IPv6 with a fragment header.</summary>
    public bool IsFragment;

    /// <summary>IPv6 extension headers seen.</summary>
    public Ipv6ExtensionHeaders ExtensionHeaders;

    /// <summary>How many IPv6 extension headers were decoded.</summary>
    public byte ExtensionHeaderCount;

    /// <summary>True for a fragment other than the first: no transport header in it.</summary>
    public readonly bool IsLaterFragment => FragmentOffset != 0;

    /// <summary>Where the IP payload (after options and extension headers) starts in the frame.</summary>
    public readonly int PayloadOffset => Offset + HeaderLength;
}
