namespace NetOps.Collector.Snmp;

/// <summary>One device's normalized state from one poll (the JSON of <c>netops poll</c>).</summary>
public sealed record DeviceState(
    string SysName,
    string SysDescr,
    [property: System.Text.Json.Serialization.JsonPropertyName("sysObjectID")] string SysObjectId,
    double UptimeSeconds,
    EntityState Entity,
    IReadOnlyList<InterfaceState> Interfaces,
    Ipv6State Ipv6,
    IReadOnlyList<LldpNeighbor> LldpNeighbors,
    WirelessState Wireless);

public sealed record InterfaceState(
    long Index,
    string Name,
    string Descr,
    string Alias,
    long Type,
    long SpeedBps,
    string AdminStatus,
    string OperStatus,
    ulong InOctets,
    ulong OutOctets,
    bool HighCapacityCounters,
    long InErrors = 0,
    long OutErrors = 0,
    long InDiscards = 0,
    long OutDiscards = 0,
    long CounterDiscontinuityTicks = 0);

public sealed record LldpNeighbor(long LocalPort, string SystemName, string PortId, string PortDescr);
