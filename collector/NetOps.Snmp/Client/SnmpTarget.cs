using System.Net;
using System.Text;

namespace NetOps.Snmp.Client;

/// <summary>One agent to ask, with community credentials (v1/v2c). The community is never printed.</summary>
public sealed record SnmpTarget(IPEndPoint EndPoint, SnmpVersion Version, byte[] Community)
{
    public SnmpTarget(IPEndPoint endPoint, SnmpVersion version, string community) : this(endPoint, version, Encoding.UTF8.GetBytes(community)) { }

    /// <summary>An SNMPv3 target.</summary>
    public static SnmpTarget V3(IPEndPoint endPoint, Usm.UsmUser user) => new(endPoint, SnmpVersion.V3, []) { User = user };

    public Usm.UsmUser? User { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
    public int Retries { get; init; } = 2;
    public int MaxRepetitions { get; init; } = 25;

    public override string ToString() => User is null ? $"{EndPoint} ({Version})" : $"{EndPoint} (v3, {User})";
}

/// <summary>The agent did not answer; for v1/v2c that is also what a wrong community looks like.</summary>
public sealed class SnmpTimeoutException(SnmpTarget target, int attempts)
    : Exception($"No answer from {target} after {attempts} attempts of {target.Timeout.TotalSeconds:0.#} s: the device is unreachable, not running SNMP, or the community is wrong (agents drop requests with a wrong community without answering).")
{
    public SnmpTarget Target { get; } = target;
}

/// <summary>The agent answered with an error-status.</summary>
public sealed class SnmpErrorException(SnmpTarget target, SnmpError error, int index)
    : Exception($"{target} answered {error} (error-index {index}).")
{
    public SnmpError Error { get; } = error;
    public int Index { get; } = index;
}
