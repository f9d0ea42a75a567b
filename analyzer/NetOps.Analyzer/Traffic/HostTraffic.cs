using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Traffic;

/// <summary>One host's traffic (a top talker): what it sent and received, wire bytes.</summary>
public sealed record HostTraffic(IpAddress Address, byte IpVersion, long PacketsSent, long BytesSent, long PacketsReceived, long BytesReceived)
{
    public long Bytes => BytesSent + BytesReceived;

    public long Packets => PacketsSent + PacketsReceived;

    /// <summary>The address as text (IPv6 form for an IPv6 layer's address).</summary>
    public string AddressText => IpVersion == 6 ? Address.ToIPv6String() : Address.ToString();
}
