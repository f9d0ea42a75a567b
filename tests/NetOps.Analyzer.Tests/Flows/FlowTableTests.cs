using NetOps.Analyzer.Flows;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Tests.Decoding;

namespace NetOps.Analyzer.Tests.Flows;

public sealed class FlowTableTests
{
    private const long Second = 1_000_000_000;
    private readonly FlowRecorder _recorder = new();

    private static DecodedPacket Decode(byte[] frame)
    {
        var packet = new DecodedPacket();
        PacketDecoder.Decode(LinkType.Ethernet, frame, frame.Length, ref packet);
        Assert.False(packet.IsMalformed);
        return packet;
    }

    private static byte[] Tcp4(string source, ushort sourcePort, string destination, ushort destinationPort, TcpFlags flags, int payload = 0) =>
        Build.Ethernet(EtherTypes.IPv4, Build.Ipv4(source, destination, 6, Build.Tcp(sourcePort, destinationPort, flags, Build.Bytes(payload))));

    private static byte[] Udp4(string source, ushort sourcePort, string destination, ushort destinationPort, int payload = 10) =>
        Build.Ethernet(EtherTypes.IPv4, Build.Ipv4(source, destination, 17, Build.Udp(sourcePort, destinationPort, Build.Bytes(payload))));

    private int Track(FlowTable table, byte[] frame, long time, out bool fromClient, out bool started)
    {
        var packet = Decode(frame);
        return table.Track(packet, time, out fromClient, out started);
    }

    private int Track(FlowTable table, byte[] frame, long time) => Track(table, frame, time, out _, out _);

    [Fact]
    public void Both_directions_are_one_flow_with_per_direction_packets_and_wire_bytes()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var request = Udp4("10.0.0.2", 40000, "10.0.0.1", 53, 30);
        var answer = Udp4("10.0.0.1", 53, "10.0.0.2", 40000, 90);
        var first = Track(table, request, 1 * Second, out var fromClient1, out var started1);
        var second = Track(table, answer, 2 * Second, out var fromClient2, out var started2);
        Track(table, answer, 3 * Second);

        Assert.Equal(first, second);
        Assert.True(started1);
        Assert.False(started2);
        Assert.True(fromClient1);
        Assert.False(fromClient2);
        ref var flow = ref table[first];
        Assert.Equal(IpAddress.Parse("10.0.0.2"), flow.Client);
        Assert.Equal((ushort)53, flow.ServerPort);
        Assert.Equal((1, 2), (flow.PacketsFromClient, flow.PacketsFromServer));
        Assert.Equal((request.Length, 2L * answer.Length), (flow.BytesFromClient, flow.BytesFromServer));
        Assert.Equal((1, 2), (flow.PayloadPacketsFromClient, flow.PayloadPacketsFromServer));
        Assert.Equal((1 * Second, 3 * Second), (flow.FirstSeenNanos, flow.LastSeenNanos));
        Assert.True(flow.HasClientMac && flow.HasServerMac);
        Assert.Equal(MacAddress.Read(Build.MacA), flow.ClientMac);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_syn_ack_seen_first_makes_its_receiver_the_client()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var index = Track(table, Tcp4("10.0.0.1", 443, "10.0.0.9", 50000, TcpFlags.Syn | TcpFlags.Ack), Second, out var fromClient, out _);

        Assert.False(fromClient);
        Assert.Equal(IpAddress.Parse("10.0.0.9"), table[index].Client);
        Assert.Equal((ushort)443, table[index].ServerPort);
    }

    [Fact]
    public void A_syn_without_ack_makes_its_sender_the_client_and_later_packets_do_not_change_it()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var index = Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Syn), Second);
        Track(table, Tcp4("10.0.0.1", 80, "10.0.0.9", 50000, TcpFlags.Syn | TcpFlags.Ack), Second);
        Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Ack, 100), Second);

        Assert.Equal(IpAddress.Parse("10.0.0.9"), table[index].Client);
        Assert.Equal((2, 1), (table[index].PacketsFromClient, table[index].PacketsFromServer));
        Assert.Equal((1, 0), (table[index].PayloadPacketsFromClient, table[index].PayloadPacketsFromServer));
    }

    [Fact]
    public void Without_a_syn_the_first_packets_sender_is_the_client()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var index = Track(table, Tcp4("10.0.0.1", 80, "10.0.0.9", 50000, TcpFlags.Ack, 1000), Second);

        Assert.Equal(IpAddress.Parse("10.0.0.1"), table[index].Client);
    }

    [Fact]
    public void Fin_from_both_sides_closes_the_flow_which_absorbs_the_last_ack_then_ends_closed()
    {
        var table = new FlowTable(new FlowTableOptions { ClosedLinger = TimeSpan.FromSeconds(2) }, _recorder);
        var index = Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Syn), Second);
        Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Fin | TcpFlags.Ack), 2 * Second);
        Assert.False(table[index].IsClosing);
        Track(table, Tcp4("10.0.0.1", 80, "10.0.0.9", 50000, TcpFlags.Fin | TcpFlags.Ack), 2 * Second);
        Assert.True(table[index].IsClosing);
        var late = Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Ack), 3 * Second, out _, out var started);

        Assert.Equal(index, late);
        Assert.False(started);
        table.Expire(5 * Second);
        Assert.Empty(_recorder.Ended);
        table.Expire(5 * Second + 1);
        var (_, summary) = Assert.Single(_recorder.Ended);
        Assert.Equal(FlowEndReason.Closed, summary.EndReason);
        Assert.Equal(4, summary.PacketsFromClient + summary.PacketsFromServer);
        Assert.Equal(1, table.Ended(FlowEndReason.Closed));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void A_rst_closes_and_a_new_syn_on_the_same_ports_starts_a_new_flow_with_a_new_id()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var first = Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Syn), Second);
        var firstId = table[first].Id;
        Track(table, Tcp4("10.0.0.1", 80, "10.0.0.9", 50000, TcpFlags.Rst | TcpFlags.Ack), Second);
        var second = Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Syn), Second + 1000, out _, out var started);

        Assert.True(started);
        Assert.NotEqual(firstId, table[second].Id);
        var (_, summary) = Assert.Single(_recorder.Ended);
        Assert.Equal((firstId, FlowEndReason.Closed), (summary.FlowId, summary.EndReason));
        Assert.Equal(2, table.Started);
    }

    [Fact]
    public void An_idle_flow_ends_and_its_key_returns_under_a_new_id()
    {
        var table = new FlowTable(new FlowTableOptions { IdleTimeout = TimeSpan.FromSeconds(10) }, _recorder);
        var frame = Udp4("10.0.0.2", 40000, "10.0.0.1", 53);
        var first = Track(table, frame, 0);
        var firstId = table[first].Id;
        Track(table, frame, 10 * Second, out _, out var startedAtTimeout);
        Assert.False(startedAtTimeout);
        var again = Track(table, frame, 20 * Second + 1, out _, out var started);

        Assert.True(started);
        Assert.Equal(firstId + 1, table[again].Id);
        var (_, summary) = Assert.Single(_recorder.Ended);
        Assert.Equal(FlowEndReason.IdleTimeout, summary.EndReason);
        Assert.Equal(2, summary.PacketsFromClient);
    }

    [Fact]
    public void An_active_timeout_reports_the_flow_and_continues_it_under_a_new_id_with_the_same_client()
    {
        var table = new FlowTable(new FlowTableOptions { ActiveTimeout = TimeSpan.FromSeconds(60) }, _recorder);
        Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Syn), 0);
        for (var t = 1; t < 60; t++)
            Track(table, Tcp4("10.0.0.1", 80, "10.0.0.9", 50000, TcpFlags.Ack, 100), t * Second);
        var next = Track(table, Tcp4("10.0.0.1", 80, "10.0.0.9", 50000, TcpFlags.Ack, 100), 60 * Second, out var fromClient, out var started);

        Assert.True(started);
        Assert.False(fromClient);
        Assert.Equal(IpAddress.Parse("10.0.0.9"), table[next].Client);
        var (_, summary) = Assert.Single(_recorder.Ended);
        Assert.Equal(FlowEndReason.ActiveTimeout, summary.EndReason);
        Assert.Equal((1, 59), (summary.PacketsFromClient, summary.PacketsFromServer));
    }

    [Fact]
    public void A_full_table_evicts_the_least_recently_seen_flow_counted_by_cause()
    {
        var table = new FlowTable(new FlowTableOptions { MaxFlows = 4 }, _recorder);
        Track(table, Udp4("10.0.0.1", 1000, "10.0.1.1", 53), 1);
        Track(table, Udp4("10.0.1.1", 53, "10.0.0.1", 1000), 2);
        for (var i = 2; i <= 10; i++)
            Track(table, Udp4($"10.0.0.{i}", 1000, "10.0.1.1", 53), 10 + i);

        Assert.Equal(4, table.Count);
        Assert.Equal(6, table.EvictedTotal);
        Assert.Equal(1, table.Evicted(FlowEvictionCause.TwoWay));
        Assert.Equal(5, table.Evicted(FlowEvictionCause.OneWay));
        Assert.Equal(6, table.Ended(FlowEndReason.Evicted));
        Assert.Equal(IpAddress.Parse("10.0.0.1"), _recorder.Ended[0].Summary.Client);
        Assert.All(_recorder.Ended, e => Assert.Equal(FlowEndReason.Evicted, e.Summary.EndReason));
        table.EndAll();
        Assert.Equal(10, _recorder.Ended.Count);
        Assert.Equal(4, table.Ended(FlowEndReason.EndOfInput));
    }

    [Fact]
    public void A_lingering_closed_flow_is_evicted_before_any_open_one()
    {
        var table = new FlowTable(new FlowTableOptions { MaxFlows = 2 }, _recorder);
        Track(table, Udp4("10.0.0.1", 1000, "10.0.1.1", 53), 1);
        Track(table, Tcp4("10.0.0.9", 50000, "10.0.0.1", 80, TcpFlags.Rst), 2);
        Track(table, Udp4("10.0.0.3", 1000, "10.0.1.1", 53), 3);

        var (_, summary) = Assert.Single(_recorder.Ended);
        Assert.Equal((6, FlowEndReason.Closed), (summary.Protocol, summary.EndReason));
        Assert.Equal(1, table.Evicted(FlowEvictionCause.ClosedLingerCut));
    }

    [Fact]
    public void A_tunnelled_packet_belongs_to_its_inner_flow()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var inner = Build.Ipv6("2001:db8::1", "2001:db8::2", 17, Build.Udp(5000, 53, Build.Bytes(20)));
        var tunnelled = Build.Ethernet(EtherTypes.IPv4, Build.Ipv4("192.0.2.1", "192.0.2.2", 41, inner));
        var native = Build.Ethernet(EtherTypes.IPv6, Build.Ipv6("2001:db8::2", "2001:db8::1", 17, Build.Udp(53, 5000, Build.Bytes(20))));
        var a = Track(table, tunnelled, 1);
        var b = Track(table, native, 2);

        Assert.Equal(a, b);
        Assert.Equal((byte)6, table[a].Key.IpVersion);
        Assert.Equal(IpAddress.Parse("2001:db8::1"), table[a].Client);
    }

    [Fact]
    public void Icmp_echo_request_and_reply_are_one_flow_by_identifier_and_a_reply_seen_first_names_its_receiver_the_client()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var reply = Build.Ethernet(EtherTypes.IPv4, Build.Ipv4("10.0.0.1", "10.0.0.2", 1, Build.Icmp(0, 0, 77, 1, Build.Bytes(8))));
        var request = Build.Ethernet(EtherTypes.IPv4, Build.Ipv4("10.0.0.2", "10.0.0.1", 1, Build.Icmp(8, 0, 77, 2, Build.Bytes(8))));
        var otherId = Build.Ethernet(EtherTypes.IPv4, Build.Ipv4("10.0.0.2", "10.0.0.1", 1, Build.Icmp(8, 0, 78, 2, Build.Bytes(8))));
        var a = Track(table, reply, 1);
        var b = Track(table, request, 2);
        var c = Track(table, otherId, 3);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(IpAddress.Parse("10.0.0.2"), table[a].Client);
        Assert.Equal((ushort)77, table[a].ClientPort);
    }

    [Fact]
    public void A_non_ip_frame_has_no_flow()
    {
        var table = new FlowTable(new FlowTableOptions(), _recorder);
        var arp = Build.Ethernet(0x0806, Build.Bytes(28));

        Assert.Equal(-1, Track(table, arp, 1));
        Assert.Equal(0, table.Started);
    }

    [Fact]
    public void Under_random_churn_every_key_has_at_most_one_open_flow_and_every_packet_is_reported_once()
    {
        // Few hash slots per flow and constant creation and removal exercise the probe runs and backward-shift deletion.
        var table = new FlowTable(new FlowTableOptions { MaxFlows = 64, IdleTimeout = TimeSpan.FromMilliseconds(200) }, _recorder);
        var random = new Random(4);
        var frames = Enumerable.Range(0, 300).Select(i => Udp4($"10.{i / 250}.{i % 250}.1", (ushort)(1000 + i % 7), "10.9.9.9", 53)).ToArray();
        var packets = frames.Select(Decode).ToArray();
        var sent = new long[frames.Length];
        long time = 0;
        for (var step = 0; step < 50_000; step++)
        {
            var which = random.Next(step % 1000 < 500 ? 40 : frames.Length);
            time += random.Next(0, 2_000_000);
            table.Track(packets[which], time, out _, out _);
            sent[which]++;
            if (step % 997 == 0)
            {
                var open = new HashSet<FlowKey>();
                foreach (var index in table)
                    Assert.True(open.Add(table[index].Key));
                Assert.Equal(table.Count, open.Count);
            }
        }
        table.EndAll();

        Assert.True(table.EvictedTotal > 0 && table.Ended(FlowEndReason.IdleTimeout) > 0);
        var reported = _recorder.Ended.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Summary.PacketsFromClient + e.Summary.PacketsFromServer));
        for (var i = 0; i < frames.Length; i++)
        {
            FlowKey.TryOf(packets[i], out var key, out _);
            Assert.Equal(sent[i], reported.GetValueOrDefault(key));
        }
        Assert.Equal(_recorder.Ended.Count, _recorder.Ended.Select(e => e.Summary.FlowId).Distinct().Count());
    }
}
