using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Flows;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Traffic;

/// <summary>
/// Turns packets and flows into the interval and run figures. Packets are counted as they come;
/// a flow's traffic is handed over as the difference since its last report, when an interval closes
/// (every open flow) and when the flow ends, so hosts and applications cost nothing per packet.
/// </summary>
internal sealed class TrafficAggregator
{
    private readonly ApplicationPorts _applications;
    private readonly FlowProgress[] _reported;

    public TrafficAggregator(ApplicationPorts applications, int flowCapacity, int maxHosts, int maxApplications)
    {
        _applications = applications;
        _reported = new FlowProgress[flowCapacity];
        Interval = new TrafficAccumulator(maxHosts, maxApplications);
        Run = new TrafficAccumulator(maxHosts, maxApplications);
    }

    public TrafficAccumulator Interval { get; }

    public TrafficAccumulator Run { get; }

    public IServerNames? ServerNames { get; set; }

    public IReadOnlyList<string> ApplicationNames => _applications.Names;

    /// <summary>Counts one frame (<paramref name="frame"/>: its captured bytes, for the DNS figures of port-53 payloads).</summary>
    public void CountPacket(in DecodedPacket packet, ReadOnlySpan<byte> frame)
    {
        Interval.CountPacket(packet);
        Run.CountPacket(packet);
        if (DnsTally.IsDns(packet))
        {
            var tally = DnsTally.Read(frame.Slice(packet.PayloadOffset, packet.PayloadLength), packet.Transport.Protocol == IpProtocols.Tcp);
            Interval.CountDns(tally);
            Run.CountDns(tally);
        }
    }

    public void OnFlowStart(int index, in FlowRecord flow) =>
        _reported[index] = new FlowProgress { Application = _applications.Classify(flow.Key.Protocol, flow.ServerPort, flow.ClientPort) };

    /// <summary>Hands over a flow's traffic since its last report; <paramref name="ended"/> for its last one.</summary>
    public void Report(int index, in FlowRecord flow, bool ended)
    {
        ref var reported = ref _reported[index];
        var delta = new FlowProgress
        {
            PacketsFromClient = flow.PacketsFromClient - reported.PacketsFromClient,
            BytesFromClient = flow.BytesFromClient - reported.BytesFromClient,
            PacketsFromServer = flow.PacketsFromServer - reported.PacketsFromServer,
            BytesFromServer = flow.BytesFromServer - reported.BytesFromServer,
        };
        if (delta.IsEmpty && !ended)
            return;
        string? serverName = null;
        if (ServerNames is not null && flow.Key.Protocol is IpProtocols.Tcp or IpProtocols.Udp && ServerNames.TryGetServerName(flow.Id, out var name))
            serverName = name;
        if (!delta.IsEmpty)
            Interval.AddFlowTraffic(flow, reported.Application, serverName, delta, countFlow: true);
        Run.AddFlowTraffic(flow, reported.Application, serverName, delta, countFlow: ended);
        reported.PacketsFromClient = flow.PacketsFromClient;
        reported.BytesFromClient = flow.BytesFromClient;
        reported.PacketsFromServer = flow.PacketsFromServer;
        reported.BytesFromServer = flow.BytesFromServer;
    }

    /// <summary>Reports every open flow's traffic since its last report (an interval closes).</summary>
    public void ReportOpenFlows(FlowTable table)
    {
        foreach (var index in table)
            Report(index, table[index], ended: false);
    }
}
