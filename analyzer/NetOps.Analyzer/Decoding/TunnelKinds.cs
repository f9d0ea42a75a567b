namespace NetOps.Analyzer.Decoding;

/// <summary>The tunnels a packet went through, outer to inner (a set: the order is not kept).</summary>
[Flags]
public enum TunnelKinds : ushort
{
    None = 0,
    /// <summary>IPv6 in IPv4, protocol 41 (6in4, 6to4, ISATAP).</summary>
    IPv6InIPv4 = 1 << 0,
    /// <summary>IPv4 in IPv6, next header 4 (4in6, DS-Lite).</summary>
    IPv4InIPv6 = 1 << 1,
    /// <summary>IPv4 in IPv4, protocol 4.</summary>
    IPv4InIPv4 = 1 << 2,
    /// <summary>IPv6 in IPv6, next header 41.</summary>
    IPv6InIPv6 = 1 << 3,
    /// <summary>GRE (RFC 2784/2890), including transparent Ethernet bridging.</summary>
    Gre = 1 << 4,
    /// <summary>Enhanced GRE of PPTP (GRE version 1, carrying PPP).</summary>
    Pptp = 1 << 5,
    /// <summary>ERSPAN type I/II/III mirrored Ethernet inside GRE.</summary>
    Erspan = 1 << 6,
    /// <summary>VXLAN (UDP 4789), inner Ethernet.</summary>
    Vxlan = 1 << 7,
    /// <summary>Teredo (UDP 3544), IPv6 inside UDP over IPv4.</summary>
    Teredo = 1 << 8,
    /// <summary>AYIYA (UDP 5072).</summary>
    Ayiya = 1 << 9,
    /// <summary>Ethernet pseudowire inside MPLS (RFC 4448, with or without the control word).</summary>
    MplsPseudowire = 1 << 10,
}
