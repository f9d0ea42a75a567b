namespace NetOps.Analyzer.Identity;

/// <summary>Memory bounds and the one time rule of the identity timeline.</summary>
public sealed record IdentityTimelineOptions
{
    /// <summary>Addresses remembered; the one updated least recently goes first.</summary>
    public int MaxAddresses { get; init; } = 65_536;

    /// <summary>MACs remembered (MAC ↔ user and MAC → address joins).</summary>
    public int MaxMacs { get; init; } = 65_536;

    /// <summary>Delegated / framed IPv6 prefixes remembered.</summary>
    public int MaxPrefixes { get; init; } = 4_096;

    /// <summary>Bindings kept per address or MAC (an address changes hands, a lease renews).</summary>
    public int MaxBindingsPerKey { get; init; } = 16;

    /// <summary>
    /// How long a RADIUS session (or an Access-Accept without Session-Timeout) is taken to last after
    /// its last message when no Stop comes: long enough to span interim-update gaps, short enough
    /// that a lost Stop does not tie an address to a user for days.
    /// </summary>
    public TimeSpan OpenSessionHorizon { get; init; } = TimeSpan.FromHours(12);
}
