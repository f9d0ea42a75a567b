namespace NetOps.Snmp.Usm;

/// <summary>SNMPv3 credentials. Passwords are never printed.</summary>
public sealed record UsmUser(string Name, AuthProtocol Auth = AuthProtocol.None, string AuthPassword = "",
    PrivProtocol Priv = PrivProtocol.None, string PrivPassword = "", string ContextName = "")
{
    public bool Authenticates => Auth != AuthProtocol.None;
    public bool Encrypts => Priv != PrivProtocol.None;

    public override string ToString() => $"{Name} ({(Encrypts ? "authPriv" : Authenticates ? "authNoPriv" : "noAuthNoPriv")}, {Auth}/{Priv})";
}

/// <summary>What USM knows of an authoritative engine: its ID, boots and time, and our keys localized to it.</summary>
internal sealed class UsmEngine(byte[] engineId, int boots, int time)
{
    private readonly long _timeReference = Environment.TickCount64;

    /// <summary>A new local engine ID in the RFC 3411 format: enterprise 8072 (net-snmp's), random octets.</summary>
    public static byte[] NewLocalEngineId()
    {
        var id = new byte[13];
        id[0] = 0x80; id[1] = 0x00; id[2] = 0x1F; id[3] = 0x88; id[4] = 0x80;
        System.Security.Cryptography.RandomNumberGenerator.Fill(id.AsSpan(5));
        return id;
    }

    public byte[] EngineId { get; } = engineId;
    public int Boots { get; } = boots;
    public int TimeAtReference { get; } = time;
    public int Time => TimeAtReference + (int)((Environment.TickCount64 - _timeReference) / 1000);
    public byte[]? AuthKey { get; set; }
    public byte[]? PrivKey { get; set; }
}

/// <summary>USM reports (RFC 3414 usmStats) as errors a person can act on.</summary>
public sealed class UsmException(string message) : Exception(message);
