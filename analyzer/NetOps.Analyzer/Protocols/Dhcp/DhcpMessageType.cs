namespace NetOps.Analyzer.Protocols.Dhcp;

/// <summary>Option 53 (RFC 2132 §9.6, RFC 4388 for the lease query types).</summary>
public enum DhcpMessageType : byte
{
    None = 0,
    Discover = 1,
    Offer = 2,
    Request = 3,
    Decline = 4,
    Ack = 5,
    Nak = 6,
    Release = 7,
    Inform = 8,
}
