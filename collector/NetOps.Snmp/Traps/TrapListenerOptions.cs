using NetOps.Snmp.Usm;

namespace NetOps.Snmp.Traps;

public sealed record TrapListenerOptions
{
    /// <summary>Communities accepted from v1/v2c senders; empty accepts any (and says so in the log of the caller).</summary>
    public IReadOnlyCollection<string> Communities { get; init; } = [];

    /// <summary>SNMPv3 users that may send traps and informs.</summary>
    public IReadOnlyCollection<UsmUser> Users { get; init; } = [];

    /// <summary>Our engine ID, authoritative for informs; null makes a random one.</summary>
    public byte[]? EngineId { get; init; }

    /// <summary>snmpEngineBoots of our engine (persist and increase it across restarts).</summary>
    public int EngineBoots { get; init; } = 1;
}
