using System.Net;

namespace NetOps.Capture.Live;

/// <summary>An interface libpcap can capture on (pcap_findalldevs).</summary>
public sealed record CaptureDevice(string Name, string? Description, IReadOnlyList<IPAddress> Addresses, bool IsLoopback, bool IsUp, bool IsRunning, bool IsWireless)
{
    public override string ToString() =>
        $"{Name}{(IsUp ? " up" : " down")}{(IsRunning ? " running" : "")}{(IsLoopback ? " loopback" : "")}{(IsWireless ? " wireless" : "")}" +
        (Addresses.Count > 0 ? " " + string.Join(", ", Addresses) : "") + (Description is null ? "" : $" ({Description})");
}
