using System.Runtime.InteropServices;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Flows;

namespace NetOps.Analyzer.Traffic;

/// <summary>
/// The figures of one scope (an interval, or a whole run): packet counters filled per packet, host,
/// application and dual-stack tables filled from flow traffic. Bounded: beyond the configured number
/// of hosts or application rows, new entries are left out and <see cref="LimitReached"/> is set.
/// Clearing keeps the tables' capacity, so steady-state intervals do not grow memory.
/// </summary>
internal sealed class TrafficAccumulator(int maxHosts, int maxApplications)
{
    private const byte SentIpv4 = 1;
    private const byte SentIpv6 = 2;

    private readonly IpVersionCounter _traffic = new();
    private readonly MalformedCounter _malformed = new();
    private readonly Dictionary<IpAddress, HostCounters> _hosts = [];
    private readonly HashSet<IpAddress> _ipv6Sources = [];
    private readonly Dictionary<MacAddress, byte> _macFamilies = [];
    private readonly Dictionary<(int Application, string? ServerName), ApplicationCounters> _applications = [];
    private DnsTally _dns;
    private bool _limitReached;

    public long Packets => _traffic.Packets;

    public void CountPacket(in DecodedPacket packet)
    {
        _traffic.Count(packet.IpVersion, packet.WireLength);
        if (packet.IsMalformed)
            _malformed.Count(packet.Malformed, packet.MalformedLayer);
    }

    public void CountDns(in DnsTally tally) => _dns.Add(tally);

    /// <summary>Adds a flow's traffic since its last report: to both hosts, its application, and the IPv6 and dual-stack sets.</summary>
    public void AddFlowTraffic(in FlowRecord flow, int application, string? serverName, in FlowProgress delta, bool countFlow)
    {
        var version = flow.Key.IpVersion;
        AddHost(flow.Client, version, delta.PacketsFromClient, delta.BytesFromClient, delta.PacketsFromServer, delta.BytesFromServer);
        AddHost(flow.Server, version, delta.PacketsFromServer, delta.BytesFromServer, delta.PacketsFromClient, delta.BytesFromClient);
        if (delta.PacketsFromClient > 0)
            AddSender(flow.Client, version, flow.HasClientMac, flow.ClientMac);
        if (delta.PacketsFromServer > 0)
            AddSender(flow.Server, version, flow.HasServerMac, flow.ServerMac);

        var key = (application, serverName);
        if (!_applications.ContainsKey(key) && _applications.Count >= maxApplications)
        {
            _limitReached = true;
            key = (application, null);
        }
        ref var counters = ref CollectionsMarshal.GetValueRefOrAddDefault(_applications, key, out _);
        counters.Packets += delta.PacketsFromClient + delta.PacketsFromServer;
        counters.Bytes += delta.BytesFromClient + delta.BytesFromServer;
        if (countFlow)
            counters.Flows++;
    }

    private void AddHost(IpAddress address, byte version, long packetsSent, long bytesSent, long packetsReceived, long bytesReceived)
    {
        if (!_hosts.ContainsKey(address) && _hosts.Count >= maxHosts)
        {
            _limitReached = true;
            return;
        }
        ref var host = ref CollectionsMarshal.GetValueRefOrAddDefault(_hosts, address, out _);
        host.IpVersion = version;
        host.PacketsSent += packetsSent;
        host.BytesSent += bytesSent;
        host.PacketsReceived += packetsReceived;
        host.BytesReceived += bytesReceived;
    }

    private void AddSender(IpAddress source, byte version, bool hasMac, MacAddress mac)
    {
        byte family;
        if (version == 6)
        {
            if (source.Value == 0 || (source.Value >> 118) == 0x3FA)
                return;
            family = SentIpv6;
            if (!_ipv6Sources.Contains(source))
            {
                if (_ipv6Sources.Count >= maxHosts)
                    _limitReached = true;
                else
                    _ipv6Sources.Add(source);
            }
        }
        else
        {
            if (source.IPv4Value == 0)
                return;
            family = SentIpv4;
        }
        if (!hasMac)
            return;
        if (!_macFamilies.ContainsKey(mac) && _macFamilies.Count >= maxHosts)
        {
            _limitReached = true;
            return;
        }
        ref var families = ref CollectionsMarshal.GetValueRefOrAddDefault(_macFamilies, mac, out _);
        families |= family;
    }

    public TrafficInterval Snapshot(long startNanos, long endNanos, FlowCounts flows, long captureDrops, int topHosts, IReadOnlyList<string> applicationNames)
    {
        var dualStack = 0;
        foreach (var families in _macFamilies.Values)
        {
            if (families == (SentIpv4 | SentIpv6))
                dualStack++;
        }
        return new TrafficInterval
        {
            StartNanos = startNanos,
            EndNanos = endNanos,
            Traffic = _traffic.Snapshot(),
            Ipv6Hosts = _ipv6Sources.Count,
            DualStackHosts = dualStack,
            TopHosts = _hosts
                .OrderByDescending(h => h.Value.BytesSent + h.Value.BytesReceived).ThenBy(h => h.Key)
                .Take(topHosts)
                .Select(h => new HostTraffic(h.Key, h.Value.IpVersion, h.Value.PacketsSent, h.Value.BytesSent, h.Value.PacketsReceived, h.Value.BytesReceived))
                .ToList(),
            Applications = _applications
                .Where(a => a.Value.Packets > 0 || a.Value.Flows > 0)
                .Select(a => new ApplicationTraffic(applicationNames[a.Key.Application], a.Key.ServerName, a.Value.Packets, a.Value.Bytes, a.Value.Flows))
                .OrderByDescending(a => a.Bytes).ThenBy(a => a.Application, StringComparer.Ordinal).ThenBy(a => a.ServerName, StringComparer.Ordinal)
                .ToList(),
            Flows = flows,
            CaptureDrops = captureDrops,
            Malformed = _malformed.Snapshot(),
            Dns = _dns.Snapshot(),
            LimitReached = _limitReached,
        };
    }

    public void Clear()
    {
        _traffic.Clear();
        _malformed.Clear();
        _hosts.Clear();
        _ipv6Sources.Clear();
        _macFamilies.Clear();
        _applications.Clear();
        _dns = default;
        _limitReached = false;
    }

    private struct HostCounters
    {
        public byte IpVersion;
        public long PacketsSent;
        public long BytesSent;
        public long PacketsReceived;
        public long BytesReceived;
    }

    private struct ApplicationCounters
    {
        public long Packets;
        public long Bytes;
        public long Flows;
    }
}
