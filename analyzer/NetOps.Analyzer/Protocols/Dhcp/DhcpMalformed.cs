namespace NetOps.Analyzer.Protocols.Dhcp;

/// <summary>Why a UDP 67/68 payload was not read as DHCP; counted by the inspector, never thrown.</summary>
public enum DhcpMalformed : byte
{
    None = 0,
    /// <summary>Shorter than the 236-byte BOOTP header plus the 4-byte magic cookie.</summary>
    TooShort,
    /// <summary>No 99.130.83.99 magic cookie after the BOOTP header (plain BOOTP or not DHCP at all).</summary>
    NoMagicCookie,
    /// <summary>An option's length runs past the datagram.</summary>
    OptionOverrun,
    /// <summary>An option that must have a fixed size (type, lease time, addresses) has another.</summary>
    BadOptionLength,
}
