namespace NetOps.Analyzer.Protocols.Radius;

/// <summary>Why a UDP payload was not read as RADIUS; counted by the inspector or receiver, never thrown.</summary>
public enum RadiusMalformed : byte
{
    None = 0,
    /// <summary>Shorter than the 20-byte header.</summary>
    TooShort,
    /// <summary>Length field below 20, above 4096, or beyond the datagram (RFC 2865 §3).</summary>
    BadLength,
    /// <summary>An attribute with length below 2 or running past the packet.</summary>
    AttributeOverrun,
    /// <summary>An address, integer or prefix attribute of the wrong size.</summary>
    BadAttributeLength,
}
