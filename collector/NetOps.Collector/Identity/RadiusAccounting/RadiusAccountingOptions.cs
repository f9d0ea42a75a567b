using System.Net;

namespace NetOps.Collector.Identity.RadiusAccounting;

/// <summary>One NAS (wireless controller, BRAS, switch) allowed to send accounting, with its shared secret.</summary>
public sealed record RadiusClient(IPAddress Address, string Secret)
{
    public override string ToString() => $"{Address} (secret ***)";
}

public sealed record RadiusAccountingOptions
{
    /// <summary>0.0.0.0:1813 in production; an unprivileged loopback port in the lab.</summary>
    public required IPEndPoint Listen { get; init; }

    public required IReadOnlyList<RadiusClient> Clients { get; init; }

    /// <summary>How many recent requests are remembered to answer a retransmission without counting it twice.</summary>
    public int DuplicateWindow { get; init; } = 1024;
}
