using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetOps.Snmp.Client;
using NetOps.Snmp.Usm;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Collector.Snmp;

/// <summary>A device to poll, from configuration. Its credentials live in <see cref="Target"/> and are never printed.</summary>
public sealed record PolledDevice(string Name, SnmpTarget Target, string Role, string Location);

/// <summary>
/// Polls every configured device each interval, at most <c>maxConcurrent</c> at a time so one slow
/// or dead device never delays the others, and writes <c>snmp_device</c> (with its ENTITY-MIB
/// identity), <c>if_traffic</c> (rates from the previous poll of the same interface),
/// <c>ipv6_device</c> / <c>ipv6_if_traffic</c> (IPv6 readiness and traffic) and, for wireless
/// controllers and APs, <c>wifi_controller</c>, <c>wifi_ap</c> and <c>wifi_ssid</c>.
/// </summary>
public sealed class SnmpPollerSource(IReadOnlyList<PolledDevice> devices, TimeSpan interval, int maxConcurrent,
    SnmpClient client, StoreWriter writer, StoreSchema schema, ILogger<SnmpPollerSource> logger) : BackgroundService
{
    private readonly DeviceStatePoller _poller = new(client);
    private readonly Ipv6Points _ipv6 = new(schema);
    private readonly ConcurrentDictionary<(string Device, long Index), InterfaceSample> _previous = new();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrent));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Polling {Count} SNMP devices every {Interval}", devices.Count, interval);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One round over every device; returns how many answered.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var answered = await Task.WhenAll(devices.Select(d => PollDeviceAsync(d, cancellationToken))).ConfigureAwait(false);
        return answered.Count(a => a);
    }

    private async Task<bool> PollDeviceAsync(PolledDevice device, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        try
        {
            var state = await _poller.PollAsync(device.Target, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            await writer.WriteAsync(DevicePoint(device, now, clock.Elapsed.TotalSeconds)
                .Field("reachable", true)
                .Field("error", "")
                .Field("sys_name", state.SysName)
                .Field("sys_descr", state.SysDescr)
                .Field("sys_object_id", state.SysObjectId)
                .Field("uptime_seconds", state.UptimeSeconds)
                .Field("interfaces", (long)state.Interfaces.Count)
                .Field("ipv6_addresses", (long)state.Ipv6.Addresses.Count)
                .Field("lldp_neighbors", (long)state.LldpNeighbors.Count)
                .WithOptional("ipv6_forwarding", state.Ipv6.Forwarding)
                .WithEntity(state.Entity), cancellationToken).ConfigureAwait(false);
            foreach (var ifc in state.Interfaces)
                await writer.WriteAsync(InterfacePoint(device, state, ifc, now), cancellationToken).ConfigureAwait(false);
            foreach (var point in Wireless.WirelessPoints.For(schema, device, state.Wireless, now))
                await writer.WriteAsync(point, cancellationToken).ConfigureAwait(false);
            if (state.Wireless.Error is { } wirelessError)
                logger.LogWarning("Wireless tables of {Device} could not be read: {Error}", device.Name, wirelessError);
            foreach (var point in _ipv6.For(device, state, now))
                await writer.WriteAsync(point, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SnmpTimeoutException or SnmpErrorException or UsmException or InvalidOperationException)
        {
            logger.LogWarning("SNMP poll of {Device} failed: {Error}", device.Name, e.Message);
            await writer.WriteAsync(DevicePoint(device, DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds)
                .Field("reachable", false)
                .Field("error", e.Message), cancellationToken).ConfigureAwait(false);
            return false;
        }
        finally
        {
            _slots.Release();
        }
    }

    private Point DevicePoint(PolledDevice device, DateTimeOffset now, double seconds) =>
        schema.NewPoint("snmp_device")
            .Tag("device", device.Name)
            .Tag("address", device.Target.EndPoint.ToString())
            .Tag("role", device.Role)
            .Tag("location", device.Location)
            .Field("poll_seconds", Math.Round(seconds, 4))
            .Timestamp(now);

    private Point InterfacePoint(PolledDevice device, DeviceState state, InterfaceState ifc, DateTimeOffset now)
    {
        var point = schema.NewPoint("if_traffic")
            .Tag("device", device.Name)
            .Tag("role", device.Role)
            .Tag("ifname", ifc.Name.Length > 0 ? ifc.Name : "if" + ifc.Index)
            .Tag("ifindex", ifc.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Field("speed_bps", ifc.SpeedBps)
            .Field("admin_status", ifc.AdminStatus)
            .Field("oper_status", ifc.OperStatus)
            .Field("in_errors", ifc.InErrors)
            .Field("out_errors", ifc.OutErrors)
            .Field("in_discards", ifc.InDiscards)
            .Field("out_discards", ifc.OutDiscards)
            .Field("hc_counters", ifc.HighCapacityCounters)
            .Timestamp(now);
        // InfluxDB 1.x has no unsigned integers; a counter beyond 2^63 is left out, its rate still counts.
        if (ifc.InOctets <= long.MaxValue)
            point.Field("in_octets", (long)ifc.InOctets);
        if (ifc.OutOctets <= long.MaxValue)
            point.Field("out_octets", (long)ifc.OutOctets);

        var sample = new InterfaceSample(ifc.InOctets, ifc.OutOctets, ifc.HighCapacityCounters, state.UptimeSeconds, ifc.CounterDiscontinuityTicks, now);
        if (_previous.TryGetValue((device.Name, ifc.Index), out var previous))
        {
            var rate = InterfaceRates.Between(previous, sample, ifc.SpeedBps);
            if (rate.InBps is { } inBps && rate.OutBps is { } outBps)
            {
                point.Field("in_bps", inBps).Field("out_bps", outBps);
                if (ifc.SpeedBps > 0)
                    point.Field("in_util_percent", Math.Round(100 * inBps / ifc.SpeedBps, 4)).Field("out_util_percent", Math.Round(100 * outBps / ifc.SpeedBps, 4));
            }
        }
        _previous[(device.Name, ifc.Index)] = sample;
        return point;
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }
}

internal static class PointExtensions
{
    public static Point WithOptional(this Point point, string field, bool? value) => value is { } v ? point.Field(field, v) : point;
}
