namespace NetOps.Analyzer.Traffic;

/// <summary>Packets and wire bytes (frame lengths, as tshark counts them).</summary>
public readonly record struct TrafficCounts(long Packets, long Bytes)
{
    public static TrafficCounts operator +(TrafficCounts left, TrafficCounts right) => new(left.Packets + right.Packets, left.Bytes + right.Bytes);
}

/// <summary>
/// Traffic by the IP version a packet counts as: the innermost IP layer (a 6in4 or Teredo packet is
/// IPv6), malformed packets by the last IP layer decoded before the fault; frames with no IP layer are non-IP.
/// </summary>
public sealed record IpVersionTraffic(TrafficCounts Ipv4, TrafficCounts Ipv6, TrafficCounts NonIp)
{
    public TrafficCounts Total => Ipv4 + Ipv6 + NonIp;

    /// <summary>IPv6 bytes over IP (v4 + v6) bytes; 0 without IP traffic.</summary>
    public double Ipv6ByteShare => Ipv4.Bytes + Ipv6.Bytes == 0 ? 0 : (double)Ipv6.Bytes / (Ipv4.Bytes + Ipv6.Bytes);

    /// <summary>IPv6 packets over IP packets; 0 without IP traffic.</summary>
    public double Ipv6PacketShare => Ipv4.Packets + Ipv6.Packets == 0 ? 0 : (double)Ipv6.Packets / (Ipv4.Packets + Ipv6.Packets);
}
