namespace NetOps.Collector.Snmp;

/// <summary>
/// IPv6 readiness of one device (network indicator: IPv6 on network devices): its addresses by scope,
/// the interfaces that carry them, whether it forwards IPv6, and its IPv6 traffic counters.
/// </summary>
/// <param name="Addresses">Unicast addresses that count (global, unique-local, link-local), one per address and interface.</param>
/// <param name="IgnoredAddresses">Rows that say nothing of readiness: ::1, multicast groups (some agents list ff02::… as addresses), ::, IPv4-mapped, site-local.</param>
/// <param name="AddressSource"><c>ipAddressTable</c>, or empty when the device lists no IPv6 address there.</param>
/// <param name="NonStandardIndexRows">Rows whose index is FortiOS's (8 × 16-bit words + ifIndex, no type length) rather than RFC 4293's; decoded all the same.</param>
/// <param name="ForwardingSource"><c>ipv6IpForwarding</c> (IP-MIB), <c>ipv6Forwarding</c> (IPV6-MIB), or empty when the device does not say.</param>
/// <param name="Traffic">IPv6 octets of the whole device (ipSystemStatsTable, ipVersion ipv6), when it has them.</param>
/// <param name="InterfaceTraffic">IPv6 octets per interface (ipIfStatsTable, ipVersion ipv6), when it has them.</param>
public sealed record Ipv6State(
    IReadOnlyList<Ipv6Address> Addresses,
    bool? Forwarding,
    int IgnoredAddresses = 0,
    string AddressSource = "",
    int NonStandardIndexRows = 0,
    string ForwardingSource = "",
    Ipv6Counters? Traffic = null,
    IReadOnlyList<Ipv6InterfaceCounters>? InterfaceTraffic = null)
{
    public int GlobalAddresses => Addresses.Count(a => a.Scope == Ipv6Scope.Global);
    public int UniqueLocalAddresses => Addresses.Count(a => a.Scope == Ipv6Scope.UniqueLocal);
    public int LinkLocalAddresses => Addresses.Count(a => a.Scope == Ipv6Scope.LinkLocal);

    /// <summary>Interfaces with any counted address (a link-local one appears wherever IPv6 is switched on).</summary>
    public int Interfaces => Addresses.Select(a => a.IfIndex).Distinct().Count();

    /// <summary>Interfaces with a global or unique-local address: where IPv6 is configured to be routed.</summary>
    public int RoutedInterfaces => Addresses.Where(a => a.Scope != Ipv6Scope.LinkLocal).Select(a => a.IfIndex).Distinct().Count();

    /// <summary>IPv6 is configured: the device has a global or unique-local (both global scope, RFC 4193) address.</summary>
    public bool Enabled => Addresses.Any(a => a.Scope != Ipv6Scope.LinkLocal);
}

public static class Ipv6Scope
{
    public const string Global = "global";
    public const string UniqueLocal = "uniqueLocal";
    public const string LinkLocal = "linkLocal";
}

public sealed record Ipv6Address(string Address, long IfIndex, string Scope);

/// <param name="HighCapacity">The octets are the 64-bit HC counters (else the 32-bit ones).</param>
/// <param name="DiscontinuityTicks">ipSystemStatsDiscontinuityTime / ipIfStatsDiscontinuityTime: a change means the counters were reset.</param>
public sealed record Ipv6Counters(ulong InOctets, ulong OutOctets, bool HighCapacity, long DiscontinuityTicks);

public sealed record Ipv6InterfaceCounters(long IfIndex, ulong InOctets, ulong OutOctets, bool HighCapacity, long DiscontinuityTicks);
