using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Protocols.Dhcpv6;

public enum Dhcpv6LeaseKind : byte
{
    /// <summary>An IA_NA address.</summary>
    NonTemporaryAddress,
    /// <summary>An IA_TA address.</summary>
    TemporaryAddress,
    /// <summary>An IA_PD prefix.</summary>
    DelegatedPrefix,
}

/// <summary>One address or prefix of an identity association, with its lifetimes in seconds (0xFFFFFFFF infinite).</summary>
public readonly record struct Dhcpv6Lease(
    Dhcpv6LeaseKind Kind,
    uint Iaid,
    IpAddress Address,
    byte PrefixLength,
    uint PreferredLifetime,
    uint ValidLifetime);
