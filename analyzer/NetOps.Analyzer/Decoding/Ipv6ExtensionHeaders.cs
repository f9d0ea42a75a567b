namespace NetOps.Analyzer.Decoding;

/// <summary>The IPv6 extension headers an IPv6 layer carried (a set).</summary>
[Flags]
public enum Ipv6ExtensionHeaders : byte
{
    None = 0,
    HopByHop = 1 << 0,
    Routing = 1 << 1,
    Fragment = 1 << 2,
    DestinationOptions = 1 << 3,
    /// <summary>Authentication header (51).</summary>
    Authentication = 1 << 4,
    /// <summary>ESP (50): the chain and the decoding end here; what follows is encrypted.</summary>
    EncapsulatingSecurityPayload = 1 << 5,
    /// <summary>No next header (59).</summary>
    NoNextHeader = 1 << 6,
    /// <summary>Mobility (135), HIP (139), Shim6 (140): ends the chain, not decoded further.</summary>
    Other = 1 << 7,
}
