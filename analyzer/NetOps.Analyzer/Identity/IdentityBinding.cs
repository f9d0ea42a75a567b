using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Identity;

/// <summary>
/// One feed's statement that an address (or a prefix) belonged to a device and/or user from
/// <see cref="StartNanos"/> until <see cref="EndNanos"/> (exclusive; <see cref="long.MaxValue"/> for an infinite lease).
/// </summary>
public sealed record IdentityBinding
{
    /// <summary>Null for a MAC ↔ user join that named no address (e.g. an Access-Accept leaving the address to the NAS).</summary>
    public required IpAddress? Address { get; init; }

    /// <summary>128 for one address (IPv4 is held IPv4-mapped), less for a delegated or framed IPv6 prefix.</summary>
    public byte PrefixLength { get; init; } = 128;

    public required long StartNanos { get; set; }

    public required long EndNanos { get; set; }

    public MacAddress? Mac { get; set; }

    public string? User { get; set; }

    public string? HostName { get; set; }

    /// <summary>The RADIUS NAS that reported the session (its Accounting-On/Off ends them all); null for DHCP.</summary>
    public IpAddress? Nas { get; init; }

    /// <summary>"dhcp", "dhcpv6" or "radius".</summary>
    public required string Source { get; init; }

    public bool Covers(long timestampNanos) => StartNanos <= timestampNanos && timestampNanos < EndNanos;

    /// <summary>True when both name the same device or the same user.</summary>
    public bool SameHolder(IdentityBinding other) =>
        (Mac is { } mac && other.Mac == mac) || (User is { } user && other.User == user);

    /// <summary>True when both name a device (or both a user) and those differ: the address changed hands.</summary>
    public bool OtherHolder(IdentityBinding other) =>
        !SameHolder(other) && ((Mac is not null && other.Mac is not null) || (User is not null && other.User is not null));
}
