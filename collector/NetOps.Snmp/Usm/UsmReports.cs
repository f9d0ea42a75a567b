namespace NetOps.Snmp.Usm;

/// <summary>The usmStats counters an agent reports (RFC 3414 section 5), as advice a person can act on.</summary>
internal static class UsmReports
{
    public const string UnsupportedSecLevels = "1.3.6.1.6.3.15.1.1.1.0";
    public const string NotInTimeWindows = "1.3.6.1.6.3.15.1.1.2.0";
    public const string UnknownUserNames = "1.3.6.1.6.3.15.1.1.3.0";
    public const string UnknownEngineIds = "1.3.6.1.6.3.15.1.1.4.0";
    public const string WrongDigests = "1.3.6.1.6.3.15.1.1.5.0";
    public const string DecryptionErrors = "1.3.6.1.6.3.15.1.1.6.0";

    public static string Explain(string reportOid) => reportOid switch
    {
        UnsupportedSecLevels => "the agent does not allow this security level for this user (unsupportedSecLevels)",
        NotInTimeWindows => "not in the agent's time window (notInTimeWindows)",
        UnknownUserNames => "unknown user name (unknownUserNames)",
        UnknownEngineIds => "unknown engine ID (unknownEngineIDs)",
        WrongDigests => "wrong digest: the authentication password or protocol does not match (wrongDigests)",
        DecryptionErrors => "decryption error: the privacy password or protocol does not match (decryptionErrors)",
        _ => $"the agent sent report {reportOid}",
    };
}
