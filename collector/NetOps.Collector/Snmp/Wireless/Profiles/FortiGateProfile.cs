using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless.Profiles;

/// <summary>
/// FortiGate's built-in wireless controller: FORTINET-FORTIGATE-MIB fgWcInfoWtpSessions (FortiAPs
/// connected) and fgWcInfoStationCount (clients). Totals only; the per-AP tables are not read yet.
/// </summary>
public sealed class FortiGateProfile : WirelessProfile
{
    private static readonly ObjectIdentifier WtpSessions = Oid("1.3.6.1.4.1.12356.101.14.2.5.0");
    private static readonly ObjectIdentifier StationCount = Oid("1.3.6.1.4.1.12356.101.14.2.7.0");

    public override string Vendor => "fortigate";
    public override uint Enterprise => 12356;
    public override IReadOnlyList<ObjectIdentifier> Probes { get; } = [Oid("1.3.6.1.4.1.12356.101.14.2")];

    public override async Task<WirelessState> ReadAsync(WirelessReader reader, CancellationToken cancellationToken)
    {
        var totals = await reader.ScalarsAsync([WtpSessions, StationCount], cancellationToken).ConfigureAwait(false);
        return Result([], [], totals[0] ?? 0, totals[1] ?? 0);
    }
}
