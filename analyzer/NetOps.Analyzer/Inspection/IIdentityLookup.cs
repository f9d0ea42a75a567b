using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Inspection;

/// <summary>Who held an address at a time, as far as the identity feeds (DHCP, RADIUS accounting) know.</summary>
/// <param name="User">RADIUS User-Name, when known.</param>
/// <param name="Mac">The device's MAC, when known.</param>
/// <param name="HostName">DHCP host name (option 12 / FQDN), when known.</param>
/// <param name="Source">Which feed said so: "radius", "dhcp", "dhcpv6".</param>
public sealed record IdentityAnswer(string? User, MacAddress? Mac, string? HostName, string Source);

/// <summary>Answers "who had this IP at time t" for detections and audit events.</summary>
public interface IIdentityLookup
{
    /// <summary>The identity bound to <paramref name="address"/> at <paramref name="timestampNanos"/>, or null when nothing is known.</summary>
    IdentityAnswer? Lookup(IpAddress address, long timestampNanos);
}
