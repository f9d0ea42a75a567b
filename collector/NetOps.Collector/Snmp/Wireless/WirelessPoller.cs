using NetOps.Collector.Snmp.Wireless.Profiles;
using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Collector.Snmp.Wireless;

/// <summary>
/// Finds which wireless MIB a device answers — one GetNext request carrying every profile's probe,
/// so a switch pays a single round trip — and reads its APs, SSIDs and totals with that profile.
/// A failure inside the wireless tables is reported in <see cref="WirelessState.Error"/> and does
/// not cost the rest of the device's poll.
/// </summary>
public sealed class WirelessPoller(SnmpClient client, TableWalker walker)
{
    private static readonly ObjectIdentifier Enterprises = ObjectIdentifier.Parse("1.3.6.1.4.1");

    /// <summary>In order of preference when the sysObjectID's enterprise does not decide.</summary>
    public static IReadOnlyList<WirelessProfile> Profiles { get; } =
    [
        new HuaweiProfile(), new H3cProfile(), new RuijieProfile(), new CiscoWlcProfile(),
        new ArubaOsProfile(), new ArubaInstantProfile(), new UnifiProfile(), new FortiGateProfile(),
    ];

    private static readonly ObjectIdentifier[] AllProbes = Profiles.SelectMany(p => p.Probes).Distinct().ToArray();

    public async Task<WirelessState> PollAsync(SnmpTarget target, string sysObjectId, string sysName, CancellationToken cancellationToken = default)
    {
        WirelessProfile? profile = null;
        try
        {
            profile = await DetectAsync(target, sysObjectId, cancellationToken).ConfigureAwait(false);
            if (profile is null)
                return WirelessState.None;
            return await profile.ReadAsync(new WirelessReader(client, walker, target, sysName), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SnmpTimeoutException or SnmpErrorException or InvalidOperationException)
        {
            return WirelessState.None with { Vendor = profile?.Vendor, Error = $"wireless tables: {e.Message}" };
        }
    }

    /// <summary>The profile whose tables the device answers, preferring the vendor its sysObjectID names; null for none.</summary>
    public async Task<WirelessProfile?> DetectAsync(SnmpTarget target, string sysObjectId, CancellationToken cancellationToken = default)
    {
        var present = await PresentAsync(target, cancellationToken).ConfigureAwait(false);
        var candidates = Profiles.Where(p => p.Probes.Any(present.Contains)).ToList();
        var enterprise = ObjectIdentifier.TryParse(sysObjectId, out var oid) && oid.IsBelow(Enterprises) ? oid.IndexAfter(Enterprises)[0] : 0;
        return candidates.FirstOrDefault(p => p.Enterprise == enterprise) ?? candidates.FirstOrDefault();
    }

    private async Task<HashSet<ObjectIdentifier>> PresentAsync(SnmpTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var answers = await client.GetNextAsync(target, AllProbes, cancellationToken).ConfigureAwait(false);
            if (answers.Count == AllProbes.Length)
                return AllProbes.Where((probe, i) => Answers(probe, answers[i])).ToHashSet();
        }
        catch (SnmpErrorException)
        {
            // SNMPv1 answers noSuchName for the whole request when one probe runs past the end of its MIB.
        }
        catch (SnmpTimeoutException)
        {
            // An agent that drops a reply too large for one datagram: ask one probe at a time.
        }
        var present = new HashSet<ObjectIdentifier>();
        foreach (var probe in AllProbes)
        {
            try
            {
                var answer = await client.GetNextAsync(target, [probe], cancellationToken).ConfigureAwait(false);
                if (answer.Count == 1 && Answers(probe, answer[0]))
                    present.Add(probe);
            }
            catch (SnmpErrorException e) when (e.Error == SnmpError.NoSuchName)
            {
            }
        }
        return present;
    }

    private static bool Answers(ObjectIdentifier probe, VarBind answer) => !answer.Value.IsException && answer.Oid.IsBelow(probe);
}
