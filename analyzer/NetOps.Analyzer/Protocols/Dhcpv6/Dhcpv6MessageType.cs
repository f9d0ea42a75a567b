namespace NetOps.Analyzer.Protocols.Dhcpv6;

/// <summary>RFC 8415 §7.3.</summary>
public enum Dhcpv6MessageType : byte
{
    Solicit = 1,
    Advertise = 2,
    Request = 3,
    Confirm = 4,
    Renew = 5,
    Rebind = 6,
    Reply = 7,
    Release = 8,
    Decline = 9,
    Reconfigure = 10,
    InformationRequest = 11,
    RelayForward = 12,
    RelayReply = 13,
}
