using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Tests.Decoding;
using NetOps.Analyzer.Traffic;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Pipeline;

public sealed class AnalysisPipelineTests
{
    private const long Second = 1_000_000_000;
    private static readonly long Base = 1_764_000_000 * Second; // a minute boundary

    private static readonly ApplicationPorts Policy = ApplicationPorts.Load(Path.Combine(TestDirectories.RepositoryRoot(), "rules", "applications", "ports.yaml"));

    private static byte[] Udp4(string source, ushort sourcePort, string destination, ushort destinationPort, byte[] payload) =>
        Build.Ethernet(EtherTypes.IPv4, Build.Ipv4(source, destination, 17, Build.Udp(sourcePort, destinationPort, payload)));

    private static byte[] Tcp6(string source, ushort sourcePort, string destination, ushort destinationPort, TcpFlags flags, byte[] payload, byte[]? sourceMac = null) =>
        Build.Ethernet(EtherTypes.IPv6, Build.Ipv6(source, destination, 6, Build.Tcp(sourcePort, destinationPort, flags, payload)), source: sourceMac);

    private static void Feed(AnalysisPipeline pipeline, long time, byte[] frame) =>
        pipeline.Process(new FrameHeader(time, frame.Length, frame.Length, LinkType.Ethernet, 0), frame);

    [Fact]
    public void Inspectors_see_every_payload_packet_with_its_flow_and_direction_then_each_flow_end_then_the_end()
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions { Applications = Policy });
        var inspector = new RecordingInspector();
        pipeline.AddInspector(inspector);
        Feed(pipeline, Base, Tcp6("2001:db8::9", 50000, "2001:db8::1", 443, TcpFlags.Syn, []));
        Feed(pipeline, Base + 1, Tcp6("2001:db8::1", 443, "2001:db8::9", 50000, TcpFlags.Syn | TcpFlags.Ack, [], Build.MacB));
        Feed(pipeline, Base + 2, Tcp6("2001:db8::9", 50000, "2001:db8::1", 443, TcpFlags.Ack | TcpFlags.Psh, "hello"u8.ToArray()));
        Feed(pipeline, Base + 3, Tcp6("2001:db8::1", 443, "2001:db8::9", 50000, TcpFlags.Ack | TcpFlags.Psh, "world!"u8.ToArray(), Build.MacB));
        Feed(pipeline, Base + 4, Tcp6("2001:db8::9", 50000, "2001:db8::1", 443, TcpFlags.Ack | TcpFlags.Psh, "again"u8.ToArray()));
        Feed(pipeline, Base + 5, Udp4("10.0.0.2", 40000, "10.0.0.1", 53, "q"u8.ToArray()));
        Feed(pipeline, Base + 6, Build.Ethernet(EtherTypes.IPv4, Build.Ipv4("10.0.0.2", "10.0.0.1", 1, Build.Icmp(8, 0, 1, 1, Build.Bytes(8)))));
        var result = pipeline.Complete();

        Assert.Equal(4, inspector.Payloads.Count);
        var (first, payload) = inspector.Payloads[0];
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(payload));
        Assert.True(first.FromClient);
        Assert.Equal((IpAddress.Parse("2001:db8::9"), (ushort)443, (byte)6, (byte)6), (first.Client, first.ServerPort, first.Protocol, first.IpVersion));
        Assert.Equal(1, first.PayloadPacketInDirection);
        Assert.Equal(Base + 2, first.TimestampNanos);
        Assert.True(first.HasMacAddresses);
        Assert.Equal(MacAddress.Read(Build.MacA), first.SourceMac);
        var answer = inspector.Payloads[1].Context;
        Assert.False(answer.FromClient);
        Assert.Equal(IpAddress.Parse("2001:db8::1"), answer.Source);
        Assert.Equal(MacAddress.Read(Build.MacB), answer.SourceMac);
        Assert.Equal(2, inspector.Payloads[2].Context.PayloadPacketInDirection);
        Assert.Equal(first.FlowId, inspector.Payloads[2].Context.FlowId);
        Assert.NotEqual(first.FlowId, inspector.Payloads[3].Context.FlowId);

        // The ICMP flow is a flow but never reaches the inspectors.
        Assert.Equal(3, result.Total.Flows.Started);
        Assert.Equal(2, inspector.Ended.Count);
        Assert.All(inspector.Ended, e => Assert.Equal(FlowEndReason.EndOfInput, e.EndReason));
        var tcp = inspector.Ended.Single(e => e.Protocol == 6);
        Assert.Equal((3, 2), (tcp.PacketsFromClient, tcp.PacketsFromServer));
        Assert.Equal("on-end", inspector.Calls[^1]);
    }

    [Fact]
    public void Each_inspector_gets_the_packets_and_flow_ends_it_still_wants()
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions { Applications = Policy });
        var all = new ScriptedInspector("all", FlowInterest.Packets);
        var firstOnly = new ScriptedInspector("first-then-end", FlowInterest.End);
        var notMine = new ScriptedInspector("not-mine", FlowInterest.None);
        var secondThenNone = new ScriptedInspector("two-then-none", FlowInterest.Packets, FlowInterest.None);
        var counter = new ScriptedInspector("every-end", FlowInterest.None) { EveryEnd = true };
        foreach (var inspector in new[] { all, firstOnly, notMine, secondThenNone, counter })
            pipeline.AddInspector(inspector);
        Feed(pipeline, Base, Tcp6("2001:db8::9", 50000, "2001:db8::1", 443, TcpFlags.Syn, []));
        for (var i = 1; i <= 4; i++)
            Feed(pipeline, Base + i, Tcp6("2001:db8::9", 50000, "2001:db8::1", 443, TcpFlags.Ack | TcpFlags.Psh, Build.Bytes(10)));
        // A second flow without payload: only the inspector asking for every flow's end hears of it.
        Feed(pipeline, Base + 10, Tcp6("2001:db8::9", 50001, "2001:db8::1", 443, TcpFlags.Syn, []));
        pipeline.Complete();

        Assert.Equal((4, 1), (all.Packets, all.Ends));
        Assert.Equal((1, 1), (firstOnly.Packets, firstOnly.Ends));
        Assert.Equal((1, 0), (notMine.Packets, notMine.Ends));
        Assert.Equal((2, 0), (secondThenNone.Packets, secondThenNone.Ends));
        Assert.Equal((1, 2), (counter.Packets, counter.Ends));
        Assert.Throws<InvalidOperationException>(() => pipeline.AddInspector(new ScriptedInspector("late", FlowInterest.Packets)));
    }

    /// <summary>Answers its script's interests packet by packet (the last one repeats) and counts what it is handed.</summary>
    private sealed class ScriptedInspector(string name, params FlowInterest[] script) : IPayloadInspector
    {
        public int Packets { get; private set; }

        public int Ends { get; private set; }

        public bool EveryEnd { get; init; }

        public string Name => name;

        public bool EndOfEveryFlow => EveryEnd;

        public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload) => script[Math.Min(Packets++, script.Length - 1)];

        public void OnFlowEnd(in FlowSummary flow) => Ends++;
    }

    [Fact]
    public void Intervals_close_by_capture_time_with_their_own_traffic_flows_and_applications()
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions { Applications = Policy, Flows = new() { IdleTimeout = TimeSpan.FromSeconds(55) } });
        var intervals = new List<TrafficInterval>();
        pipeline.IntervalClosed += intervals.Add;
        var query = Udp4("10.0.0.2", 40000, "10.0.0.1", 53, Build.Bytes(30));
        var answer = Udp4("10.0.0.1", 53, "10.0.0.2", 40000, Build.Bytes(100));
        var web = Tcp6("2001:db8::9", 50000, "2001:db8::1", 80, TcpFlags.Ack, Build.Bytes(1000));
        Feed(pipeline, Base + 1 * Second, query);
        Feed(pipeline, Base + 2 * Second, answer);
        Feed(pipeline, Base + 10 * Second, web);
        Feed(pipeline, Base + 62 * Second, web);
        Feed(pipeline, Base + 200 * Second, Build.Ethernet(0x0806, Build.Bytes(28)));
        var result = pipeline.Complete();

        Assert.Equal(3, intervals.Count);
        Assert.Equal(3, result.Intervals);
        var (one, two, three) = (intervals[0], intervals[1], intervals[2]);
        Assert.Equal((Base, Base + 60 * Second), (one.StartNanos, one.EndNanos));
        Assert.Equal(Base + 60 * Second, two.StartNanos);
        Assert.Equal(Base + 180 * Second, three.StartNanos);
        Assert.Equal(new TrafficCounts(2, query.Length + answer.Length), one.Traffic.Ipv4);
        Assert.Equal(new TrafficCounts(1, web.Length), one.Traffic.Ipv6);
        Assert.Equal(new TrafficCounts(1, web.Length), two.Traffic.Ipv6);
        Assert.Equal(new TrafficCounts(1, 42), three.Traffic.NonIp);
        Assert.Equal((double)web.Length / (web.Length + query.Length + answer.Length), one.Traffic.Ipv6ByteShare, 9);

        // The DNS flow was idle 55 s at 57 s: it ended in the first interval; the web flow goes on.
        Assert.Equal((2, 1, 1), (one.Flows.Started, one.Flows.EndedIdleTimeout, one.Flows.Active));
        // The web flow was idle 55 s at 117 s: the 200 s frame ends it in the second interval.
        Assert.Equal((0, 1, 0), (two.Flows.Started, two.Flows.EndedIdleTimeout, two.Flows.Active));
        Assert.Equal((0, 0, 0), (three.Flows.Started, three.Flows.Ended, three.Flows.Active));

        Assert.Equal(["http", "dns"], one.Applications.Select(a => a.Application));
        Assert.Equal(new ApplicationTraffic("dns", null, 2, query.Length + answer.Length, 1), one.Applications[1]);
        Assert.Equal(new ApplicationTraffic("http", null, 1, web.Length, 1), Assert.Single(two.Applications));
        Assert.Equal(2, result.Total.Flows.Started);
        Assert.Empty(three.Applications);

        var total = result.Total;
        Assert.Equal(new ApplicationTraffic("http", null, 2, 2L * web.Length, 1), total.Applications[0]);
        Assert.Equal(2, total.Flows.Started);
        Assert.Equal(2, total.Flows.EndedIdleTimeout);
        Assert.Equal(5, total.Traffic.Total.Packets);
        // Equal bytes: the lower address first.
        Assert.Equal(["2001:db8::1", "2001:db8::9"], total.TopHosts.Take(2).Select(h => h.AddressText));
        Assert.Equal((0, 2L * web.Length), (total.TopHosts[1].BytesReceived, total.TopHosts[1].BytesSent));
        Assert.Equal(4, total.TopHosts.Count);
    }

    [Fact]
    public void Advancing_time_on_a_quiet_link_closes_the_interval_and_expires_flows()
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions { Flows = new() { IdleTimeout = TimeSpan.FromSeconds(30) } });
        var intervals = new List<TrafficInterval>();
        pipeline.IntervalClosed += intervals.Add;
        Feed(pipeline, Base + Second, Udp4("10.0.0.2", 40000, "10.0.0.1", 53, Build.Bytes(30)));
        pipeline.AdvanceTime(Base + 40 * Second);
        Assert.Equal(1, pipeline.Flows.Ended(FlowEndReason.IdleTimeout));
        Assert.Empty(intervals);
        pipeline.AdvanceTime(Base + 61 * Second);
        pipeline.AdvanceTime(Base + 121 * Second);

        Assert.Equal(2, intervals.Count);
        Assert.Equal(1, intervals[0].Traffic.Total.Packets);
        Assert.Equal(1, intervals[0].Flows.EndedIdleTimeout);
        Assert.Equal(0, intervals[1].Traffic.Total.Packets);
        Assert.Equal(Base + 60 * Second, intervals[1].StartNanos);
    }

    [Fact]
    public void Sources_keep_their_own_totals_and_capture_drops_are_reported_per_interval()
    {
        long drops = 5;
        var pipeline = new AnalysisPipeline(new AnalysisOptions(), () => drops);
        var intervals = new List<TrafficInterval>();
        pipeline.IntervalClosed += intervals.Add;
        var frame = Udp4("10.0.0.2", 40000, "10.0.0.1", 53, Build.Bytes(30));
        pipeline.BeginSource("a.pcap");
        Feed(pipeline, Base, frame);
        Feed(pipeline, Base + Second, frame);
        drops = 12;
        pipeline.BeginSource("b.pcap");
        Feed(pipeline, Base + 61 * Second, Build.Ethernet(EtherTypes.IPv4, Build.Bytes(10)));
        drops = 13;
        var result = pipeline.Complete();

        Assert.Equal(["a.pcap", "b.pcap"], result.Sources.Select(s => s.Name));
        Assert.Equal(new TrafficCounts(2, 2L * frame.Length), result.Sources[0].Traffic.Ipv4);
        Assert.Equal((Base, Base + Second), (result.Sources[0].FirstTimestampNanos, result.Sources[0].LastTimestampNanos));
        Assert.Equal(1, result.Sources[1].Malformed);
        Assert.Equal(new TrafficCounts(1, 24), result.Sources[1].Traffic.NonIp);
        Assert.Equal([7L, 1L], intervals.Select(i => i.CaptureDrops));
        Assert.Equal(8, result.Total.CaptureDrops);
        var malformed = Assert.Single(result.Total.Malformed);
        Assert.Equal(new MalformedCount(MalformedReason.TruncatedIPv4, PacketLayer.IPv4, 1), malformed);
    }

    [Fact]
    public void Dual_stack_hosts_are_macs_sending_both_families_and_ipv6_hosts_exclude_link_local()
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        Feed(pipeline, Base, Udp4("10.0.0.2", 40000, "10.0.0.1", 53, Build.Bytes(30)));
        Feed(pipeline, Base, Tcp6("2001:db8::9", 50000, "2001:db8::1", 80, TcpFlags.Ack, Build.Bytes(10)));
        Feed(pipeline, Base, Tcp6("fe80::1", 50000, "fe80::2", 80, TcpFlags.Ack, Build.Bytes(10), Build.MacB));
        Feed(pipeline, Base, Tcp6("2001:db8::1", 80, "2001:db8::9", 50000, TcpFlags.Ack, Build.Bytes(10), Build.MacB));
        var total = pipeline.Complete().Total;

        Assert.Equal(2, total.Ipv6Hosts);
        Assert.Equal(1, total.DualStackHosts);
    }

    [Fact]
    public void Server_names_split_an_applications_traffic()
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions { Applications = Policy }) { ServerNames = new FixedNames(1, "www.example.edu.cn") };
        Feed(pipeline, Base, Tcp6("2001:db8::9", 50000, "2001:db8::1", 443, TcpFlags.Syn, []));
        Feed(pipeline, Base, Tcp6("2001:db8::9", 50001, "2001:db8::1", 443, TcpFlags.Syn, []));
        var applications = pipeline.Complete().Total.Applications;

        Assert.Equal([("https", "www.example.edu.cn", 1L), ("https", null, 1L)], applications.Select(a => (a.Application, a.ServerName, a.Flows)).OrderBy(a => a.ServerName is null));
    }

    [Fact]
    public void The_port_policy_loads_and_names_flows_by_server_port_then_client_port_then_protocol()
    {
        Assert.Equal("dns", Policy.Names[Policy.Classify(17, 53, 40000)]);
        Assert.Equal("dns", Policy.Names[Policy.Classify(17, 40000, 53)]);
        Assert.Equal("https", Policy.Names[Policy.Classify(6, 443, 50000)]);
        Assert.Equal("quic", Policy.Names[Policy.Classify(17, 443, 50000)]);
        Assert.Equal("bittorrent", Policy.Names[Policy.Classify(6, 6885, 50000)]);
        Assert.Equal("icmpv6", Policy.Names[Policy.Classify(58, 0, 0)]);
        Assert.Equal(ApplicationPorts.Other, Policy.Names[Policy.Classify(6, 50001, 50000)]);
        Assert.NotEmpty(Policy.Version);
    }

    [Theory]
    [InlineData("version: 1\napplications:\n  - name: a\n    tcp: [80]\n  - name: b\n    tcp: [80]\n", ":6: tcp 80 of 'b' is already 'a'")]
    [InlineData("version: 1\napplications:\n  - name: a\n    tcp: [70000]\n", ":4: '70000' is not a tcp number")]
    [InlineData("version: 1\napplications:\n  - name: a\n    tpc: [80]\n", ":4: unknown key 'tpc'")]
    [InlineData("applications: []\n", "'version' is missing")]
    public void A_wrong_policy_is_refused_with_its_line(string yaml, string message)
    {
        var error = Assert.Throws<FormatException>(() => ApplicationPorts.Parse(new StringReader(yaml), "ports.yaml"));
        Assert.Contains(message, error.Message);
    }

    private sealed class FixedNames(ulong flowId, string name) : IServerNames
    {
        public bool TryGetServerName(ulong id, out string serverName)
        {
            serverName = name;
            return id == flowId;
        }
    }
}
