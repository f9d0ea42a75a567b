using System.Collections.Concurrent;
using System.Globalization;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Turns each poll's IPv6 state into <c>ipv6_device</c> (readiness and device IPv6 traffic) and
/// <c>ipv6_if_traffic</c> (per interface) points, with rates from the previous poll computed as for
/// interfaces (<see cref="InterfaceRates"/>: one 32-bit wrap, resets, agent restarts and
/// discontinuities yield no rate).
/// </summary>
public sealed class Ipv6Points(StoreSchema schema)
{
    private readonly ConcurrentDictionary<(string Device, long IfIndex), InterfaceSample> _previous = new();
    private const long Device = -1; // key of the device-wide counters

    public IEnumerable<Point> For(PolledDevice device, DeviceState state, DateTimeOffset now)
    {
        var ipv6 = state.Ipv6;
        var point = schema.NewPoint("ipv6_device")
            .Tag("device", device.Name)
            .Tag("role", device.Role)
            .Tag("location", device.Location)
            .Field("enabled", ipv6.Enabled)
            .Field("global_addresses", (long)ipv6.GlobalAddresses)
            .Field("unique_local_addresses", (long)ipv6.UniqueLocalAddresses)
            .Field("link_local_addresses", (long)ipv6.LinkLocalAddresses)
            .Field("interfaces", (long)ipv6.Interfaces)
            .Field("routed_interfaces", (long)ipv6.RoutedInterfaces)
            .Timestamp(now);
        if (ipv6.Forwarding is { } forwarding)
            point.Field("forwarding", forwarding);
        if (ipv6.Traffic is { } traffic)
            WithTraffic(point, (device.Name, Device), traffic.InOctets, traffic.OutOctets, traffic.HighCapacity, traffic.DiscontinuityTicks, 0, state.UptimeSeconds, now, bytes: true);
        yield return point;

        var names = state.Interfaces.ToDictionary(i => i.Index);
        foreach (var ifc in ipv6.InterfaceTraffic ?? [])
        {
            var known = names.GetValueOrDefault(ifc.IfIndex);
            var ifPoint = schema.NewPoint("ipv6_if_traffic")
                .Tag("device", device.Name)
                .Tag("role", device.Role)
                .Tag("ifname", known?.Name is { Length: > 0 } name ? name : "if" + ifc.IfIndex.ToString(CultureInfo.InvariantCulture))
                .Tag("ifindex", ifc.IfIndex.ToString(CultureInfo.InvariantCulture))
                .Timestamp(now);
            WithTraffic(ifPoint, (device.Name, ifc.IfIndex), ifc.InOctets, ifc.OutOctets, ifc.HighCapacity, ifc.DiscontinuityTicks, known?.SpeedBps ?? 0, state.UptimeSeconds, now, bytes: false);
            yield return ifPoint;
        }
    }

    private void WithTraffic(Point point, (string, long) key, ulong inOctets, ulong outOctets, bool highCapacity, long discontinuity,
        long speedBps, double uptimeSeconds, DateTimeOffset now, bool bytes)
    {
        point.Field("hc_counters", highCapacity);
        // InfluxDB 1.x has no unsigned integers; a counter beyond 2^63 is left out, its rate still counts.
        if (inOctets <= long.MaxValue)
            point.Field("in_octets", (long)inOctets);
        if (outOctets <= long.MaxValue)
            point.Field("out_octets", (long)outOctets);
        var sample = new InterfaceSample(inOctets, outOctets, highCapacity, uptimeSeconds, discontinuity, now);
        if (_previous.TryGetValue(key, out var previous) && InterfaceRates.Between(previous, sample, speedBps) is { InBps: { } inBps, OutBps: { } outBps })
        {
            point.Field("in_bps", inBps).Field("out_bps", outBps);
            if (bytes)
            {
                point.Field("in_bytes", (long)InterfaceRates.Delta(previous.InOctets, inOctets, highCapacity)!.Value)
                    .Field("out_bytes", (long)InterfaceRates.Delta(previous.OutOctets, outOctets, highCapacity)!.Value);
            }
        }
        _previous[key] = sample;
    }
}
