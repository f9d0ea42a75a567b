using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Reads a device's IPv6 readiness from IP-MIB (RFC 4293): ipAddressIfIndex for its addresses,
/// ipv6IpForwarding (IPV6-MIB's ipv6Forwarding where that is missing), and the IPv6 rows of
/// ipSystemStatsTable and ipIfStatsTable for its traffic.
/// </summary>
public sealed class Ipv6Poller(SnmpClient client)
{
    private static readonly ObjectIdentifier IpAddressIfIndex = ObjectIdentifier.Parse("1.3.6.1.2.1.4.34.1.3");
    private static readonly ObjectIdentifier Ipv6IpForwarding = ObjectIdentifier.Parse("1.3.6.1.2.1.4.25.0");
    private static readonly ObjectIdentifier Ipv6MibForwarding = ObjectIdentifier.Parse("1.3.6.1.2.1.55.1.1.0");
    private static readonly ObjectIdentifier SystemStatsEntry = ObjectIdentifier.Parse("1.3.6.1.2.1.4.31.1.1");
    private static readonly ObjectIdentifier IfStatsEntry = ObjectIdentifier.Parse("1.3.6.1.2.1.4.31.3.1");
    private const uint Ipv6Version = 2;
    // Columns shared by ipSystemStatsEntry and ipIfStatsEntry.
    private const uint InOctets = 5, HcInOctets = 6, OutOctets = 32, HcOutOctets = 33, DiscontinuityTime = 46;

    public async Task<Ipv6State> PollAsync(SnmpTarget target, CancellationToken cancellationToken = default)
    {
        var addresses = new List<Ipv6Address>();
        int ignored = 0, nonStandard = 0;
        foreach (var vb in await client.WalkAsync(target, IpAddressIfIndex, cancellationToken).ConfigureAwait(false))
        {
            if (vb.Value.IsException || Ipv6AddressIndex.Decode(vb.Oid.IndexAfter(IpAddressIfIndex), out var fortiOs) is not { } address)
                continue;
            if (fortiOs)
                nonStandard++;
            if (Ipv6AddressIndex.Scope(address) is { } scope)
                addresses.Add(new Ipv6Address(address.ToString(), vb.Value.Number, scope));
            else
                ignored++;
        }
        addresses = addresses.Distinct().ToList();

        var scalars = await OptionalGet.GetAsync(client, target,
            [Ipv6IpForwarding, Ipv6MibForwarding, .. new[] { HcInOctets, HcOutOctets, InOctets, OutOctets, DiscontinuityTime }.Select(c => SystemStatsEntry.Append(c, Ipv6Version))],
            cancellationToken).ConfigureAwait(false);
        var (forwarding, forwardingSource) = Forwarding(scalars[0]) is { } ipMib ? (ipMib, "ipv6IpForwarding")
            : Forwarding(scalars[1]) is { } ipv6Mib ? (ipv6Mib, "ipv6Forwarding") : ((bool?)null, "");
        var traffic = Counters(scalars[2], scalars[3], scalars[4], scalars[5], scalars[6]);

        return new Ipv6State(addresses, forwarding, ignored, addresses.Count + ignored > 0 ? "ipAddressTable" : "", nonStandard, forwardingSource,
            traffic, await InterfaceTrafficAsync(target, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Per-interface IPv6 octets: the HC columns, else the 32-bit ones; a device with neither costs two requests.</summary>
    private async Task<List<Ipv6InterfaceCounters>> InterfaceTrafficAsync(SnmpTarget target, CancellationToken cancellationToken)
    {
        var (inColumn, outColumn) = (HcInOctets, HcOutOctets);
        var inValues = await IfColumnAsync(target, inColumn, cancellationToken).ConfigureAwait(false);
        if (inValues.Count == 0)
        {
            (inColumn, outColumn) = (InOctets, OutOctets);
            inValues = await IfColumnAsync(target, inColumn, cancellationToken).ConfigureAwait(false);
            if (inValues.Count == 0)
                return [];
        }
        var outValues = await IfColumnAsync(target, outColumn, cancellationToken).ConfigureAwait(false);
        var discontinuity = await IfColumnAsync(target, DiscontinuityTime, cancellationToken).ConfigureAwait(false);
        var result = new List<Ipv6InterfaceCounters>();
        foreach (var (ifIndex, inValue) in inValues.OrderBy(v => v.Key))
        {
            var hc = inColumn == HcInOctets;
            var counters = Counters(hc ? inValue : null, hc ? outValues.GetValueOrDefault(ifIndex) : null,
                hc ? null : inValue, hc ? null : outValues.GetValueOrDefault(ifIndex), discontinuity.GetValueOrDefault(ifIndex));
            if (counters is not null)
                result.Add(new Ipv6InterfaceCounters(ifIndex, counters.InOctets, counters.OutOctets, counters.HighCapacity, counters.DiscontinuityTicks));
        }
        return result;
    }

    /// <summary>One column of the IPv6 rows of ipIfStatsTable, by ifIndex.</summary>
    private async Task<Dictionary<long, SnmpValue>> IfColumnAsync(SnmpTarget target, uint column, CancellationToken cancellationToken)
    {
        var root = IfStatsEntry.Append(column, Ipv6Version);
        var values = new Dictionary<long, SnmpValue>();
        foreach (var vb in await client.WalkAsync(target, root, cancellationToken).ConfigureAwait(false))
        {
            var index = vb.Oid.IndexAfter(root);
            if (index.Length == 1 && !vb.Value.IsException)
                values[index[0]] = vb.Value;
        }
        return values;
    }

    /// <summary>The HC counters when the device has both, else the 32-bit ones, else none.</summary>
    private static Ipv6Counters? Counters(SnmpValue? hcIn, SnmpValue? hcOut, SnmpValue? inOctets, SnmpValue? outOctets, SnmpValue? discontinuity)
    {
        var ticks = discontinuity?.Type == SnmpType.TimeTicks ? discontinuity.Number : 0;
        if (hcIn?.Type == SnmpType.Counter64 && hcOut?.Type == SnmpType.Counter64)
            return new Ipv6Counters(hcIn.Unsigned, hcOut.Unsigned, true, ticks);
        if (inOctets?.Type == SnmpType.Counter32 && outOctets?.Type == SnmpType.Counter32)
            return new Ipv6Counters(inOctets.Unsigned, outOctets.Unsigned, false, ticks);
        return null;
    }

    private static bool? Forwarding(SnmpValue? value) =>
        value?.Type == SnmpType.Integer32 && value.Number is 1 or 2 ? value.Number == 1 : null;
}
