namespace NetOps.Snmp.Ber;

/// <summary>Why a datagram is not an SNMP message we can read; each is counted per source.</summary>
public enum MalformedReason
{
    None,
    Truncated,
    BadLength,
    UnexpectedTag,
    BadInteger,
    BadObjectIdentifier,
    BadValue,
    UnsupportedVersion,
    TrailingData,
}

public sealed class SnmpDecodeException(MalformedReason reason, string message) : Exception(message)
{
    public MalformedReason Reason { get; } = reason;
}
