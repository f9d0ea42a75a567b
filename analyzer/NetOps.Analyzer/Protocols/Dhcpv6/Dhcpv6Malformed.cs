namespace NetOps.Analyzer.Protocols.Dhcpv6;

/// <summary>Why a UDP 546/547 payload was not read as DHCPv6; counted by the inspector, never thrown.</summary>
public enum Dhcpv6Malformed : byte
{
    None = 0,
    /// <summary>Shorter than the 4-byte header (34 for a relay message).</summary>
    TooShort,
    /// <summary>An option (or an IA's sub-option) runs past its container.</summary>
    OptionOverrun,
    /// <summary>An IA, IA address or IA prefix option shorter than its fixed part.</summary>
    BadOptionLength,
    /// <summary>Relay messages nested deeper than <see cref="Dhcpv6Reader.MaxRelayDepth"/>, or a relay without its message.</summary>
    BadRelay,
}
