namespace NetOps.Analyzer.Protocols.Radius;

/// <summary>Packet codes (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3).</summary>
public enum RadiusCode : byte
{
    AccessRequest = 1,
    AccessAccept = 2,
    AccessReject = 3,
    AccountingRequest = 4,
    AccountingResponse = 5,
    AccessChallenge = 11,
    DisconnectRequest = 40,
    DisconnectAck = 41,
    DisconnectNak = 42,
    CoaRequest = 43,
    CoaAck = 44,
    CoaNak = 45,
}

/// <summary>Acct-Status-Type values (RFC 2866 §5.1).</summary>
public enum AcctStatusType : uint
{
    None = 0,
    Start = 1,
    Stop = 2,
    InterimUpdate = 3,
    AccountingOn = 7,
    AccountingOff = 8,
}
