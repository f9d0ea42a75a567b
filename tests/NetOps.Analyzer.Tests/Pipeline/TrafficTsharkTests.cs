using System.Text;
using NetOps.Analyzer.Flows;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Tests.Flows;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Pipeline;

/// <summary>
/// The traffic figures of every corpus capture against tshark's: total packets and wire bytes, packets
/// and bytes per IP version, and every IP conversation's frames and bytes per direction (from the flow
/// table's flows, summed per address pair, against <c>tshark -z conv,ip -z conv,ipv6</c>).
/// Totals are equal on every file. The legitimate differences are counted per file, frame by frame, and
/// must equal <see cref="Expected"/> exactly:
/// <list type="bullet">
/// <item><b>tunnel outer layer</b>: tshark's tables count every IP layer of a frame, so a tunnelled frame
/// (6in4, 6in6, 4in6, IP-in-IP, GRE, VXLAN, Teredo, AYIYA) is in its outer conversation and in its inner
/// one; NetOps counts it as what it finally is, the inner conversation only. Adding each tunnelled frame to
/// its outer address pair makes ours equal to tshark's.</item>
/// <item><b>ipv6 fragment not completing its datagram</b>: with IPv6 reassembly on (tshark's default), the
/// IPv6 conversation table counts a fragmented datagram once, with the frame that completes it; the
/// other fragments, and every fragment of a datagram whose other fragments were not captured, are left
/// out. NetOps counts every fragment as the frame it is. Leaving those frames out of ours (followed with
/// a small reassembly of fragment ranges here) makes them equal. (IPv4 fragments are all in tshark's IPv4 table.)</item>
/// <item><b>ethertype ipv4, bad header</b>: EtherType 0x0800 with a version nibble other than 4, or an
/// IHL below 5: tshark names an IP layer (for version 6 it dissects IPv6 there) and counts the frame as
/// IPv4 or IPv6; NetOps trusts neither header and counts the frame as non-IP, malformed
/// (<see cref="MalformedReason.BadIPv4Version"/>, <see cref="MalformedReason.BadIPv4HeaderLength"/>).
/// tshark has no addresses for them, so its conversation tables do not list them either.</item>
/// <item>A self-conversation (A ↔ A) is listed by tshark once, in one direction: ours has it in one
/// direction too (every packet goes from A to A), so it needs no class.</item>
/// </list>
/// </summary>
public sealed class TrafficTsharkTests
{
    private const string TunnelOuter = "tunnel outer layer";
    private const string Ipv6Fragments = "ipv6 fragment not completing its datagram";
    private const string BadIpv4Header = "ethertype ipv4, bad header";

    /// <summary>Frames of each class per file; files not listed have none.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
        ["arkime/ipv6-in-ipv4.pcap"] = new() { [TunnelOuter] = 10 },
        ["ndpi/6in4tunnel.pcap"] = new() { [TunnelOuter] = 127 },
        ["ndpi/6in6tunnel.pcap"] = new() { [TunnelOuter] = 2 },
        ["ndpi/syslog.pcap"] = new() { [TunnelOuter] = 6 },
        ["ndpi/vxlan.pcap"] = new() { [TunnelOuter] = 127 },
        ["zeek/tunnels_Teredo.pcap"] = new() { [TunnelOuter] = 4 },
        ["zeek/tunnels_ayiya3.pcap"] = new() { [TunnelOuter] = 32 },
        ["ndpi/dns_fragmented.pcap"] = new() { [Ipv6Fragments] = 3 },
        ["zeek/ipv6-fragmented-dns.pcap"] = new() { [Ipv6Fragments] = 3 },
        ["ndpi/fuzz-2006-06-26-2594.pcap"] = new() { [BadIpv4Header] = 7 },
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.FileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Totals_ip_versions_and_conversations_equal_tsharks(string file)
    {
        if (CaptureCorpus.Refused.Contains(file))
        {
            CaptureCorpus.AssertRefused(file);
            return;
        }
        var dissected = await TsharkDissection.DissectAsync(file);
        var conversations = await TsharkConversations.ReadAsync(file);

        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        using (var reader = CaptureFile.Open(CaptureCorpus.PathOf(file)))
            pipeline.Run(reader);
        var traffic = pipeline.Complete().Total.Traffic;

        // tshark: the frame's length, counted under its innermost IP layer before any ICMP error's quoted packet.
        var theirs = new Dictionary<int, (long Packets, long Bytes)>();
        foreach (var dissection in dissected)
        {
            var version = TsharkVersion(dissection);
            var seen = theirs.GetValueOrDefault(version);
            theirs[version] = (seen.Packets + 1, seen.Bytes + long.Parse(dissection.First("frame.len")!, System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(dissected.Count, traffic.Total.Packets);
        Assert.Equal(theirs.Values.Sum(v => v.Bytes), traffic.Total.Bytes);

        var (ours, outer, fragments, found) = OurConversations(file, dissected);
        var report = new StringBuilder();
        // Per IP version: ours with the bad-header frames counted where tshark counted them.
        var adjusted = new Dictionary<int, (long Packets, long Bytes)>
        {
            [4] = (traffic.Ipv4.Packets, traffic.Ipv4.Bytes),
            [6] = (traffic.Ipv6.Packets, traffic.Ipv6.Bytes),
            [0] = (traffic.NonIp.Packets, traffic.NonIp.Bytes),
        };
        var frames = CaptureCorpus.Frames(file);
        var packet = new DecodedPacket();
        for (var i = 0; i < frames.Count; i++)
        {
            PacketDecoder.Decode(frames[i].LinkType, frames[i].Data, frames[i].OriginalLength, ref packet);
            var version = TsharkVersion(dissected[i]);
            if (version == packet.IpVersion)
                continue;
            if (packet.IpVersion == 0 && packet.Malformed is MalformedReason.BadIPv4Version or MalformedReason.BadIPv4HeaderLength)
            {
                found.Add(BadIpv4Header);
                adjusted[0] = (adjusted[0].Packets - 1, adjusted[0].Bytes - packet.WireLength);
                adjusted[version] = (adjusted[version].Packets + 1, adjusted[version].Bytes + packet.WireLength);
            }
            else
            {
                report.AppendLine($"frame {i + 1}: ours IPv{packet.IpVersion} ({packet.Malformed}), tshark IPv{version}");
            }
        }
        foreach (var version in new[] { 4, 6, 0 })
        {
            var expected = theirs.GetValueOrDefault(version);
            if (expected != adjusted[version])
                report.AppendLine($"ip version {version}: ours {adjusted[version]}, tshark {expected}");
        }
        foreach (var direction in ours.Keys.Union(outer.Keys).Union(conversations.Keys).OrderBy(d => d.ToString(), StringComparer.Ordinal))
        {
            var mine = ours.GetValueOrDefault(direction);
            var tunnel = outer.GetValueOrDefault(direction);
            var fragment = fragments.GetValueOrDefault(direction);
            var explained = (mine.Frames + tunnel.Frames - fragment.Frames, TsharkConversations.FormatBytes(mine.Bytes + tunnel.Bytes - fragment.Bytes));
            var tshark = conversations.GetValueOrDefault(direction, (0, TsharkConversations.FormatBytes(0)));
            if (explained != tshark)
                report.AppendLine($"{direction}: ours {mine.Frames} frames {mine.Bytes} bytes (+ outer {tunnel.Frames} frames {tunnel.Bytes} bytes, - ipv6 MF fragments {fragment.Frames} frames {fragment.Bytes} bytes), tshark {tshark.Frames} frames {tshark.Bytes}");
        }
        Assert.True(report.Length == 0, $"{file}:\n{report}");
        ExpectedCounts.Equal(file, Expected.GetValueOrDefault(file), found);
    }

    [Fact]
    public void Every_class_of_difference_is_expected_somewhere()
    {
        var used = Expected.Values.SelectMany(e => e.Keys).ToHashSet();
        Assert.Equal([BadIpv4Header, Ipv6Fragments, TunnelOuter], used.Order(StringComparer.Ordinal));
    }

    /// <summary>The IP version tshark counts a frame as: its innermost IP layer before any ICMP error's quoted packet; 0 for none.</summary>
    private static int TsharkVersion(TsharkPacket packet)
    {
        var protocols = packet.Protocols;
        var cut = Array.FindIndex(protocols, p => p is "icmp" or "icmpv6");
        var visible = cut < 0 ? protocols : protocols[..cut];
        return Array.FindLastIndex(visible, p => p is "ip" or "ipv6") is var last and >= 0 ? (visible[last] == "ip" ? 4 : 6) : 0;
    }

    /// <summary>
    /// Our conversations from the flows (client→server and back); apart, the outer IP pair of every
    /// tunnelled frame and the IPv6 fragments with more-fragments set, each frame counted in its class.
    /// </summary>
    private static (Dictionary<Direction, (long Frames, long Bytes)> Ours, Dictionary<Direction, (long Frames, long Bytes)> Outer,
        Dictionary<Direction, (long Frames, long Bytes)> Fragments, SortedDictionary<string, int> Found) OurConversations(string file, List<TsharkPacket> dissected)
    {
        var recorder = new FlowRecorder();
        var table = new FlowTable(new FlowTableOptions(), recorder);
        var outer = new Dictionary<Direction, (long Frames, long Bytes)>();
        var fragments = new Dictionary<Direction, (long Frames, long Bytes)>();
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var reassembly = new FragmentRanges();
        var packet = new DecodedPacket();
        long time = 0;
        var frames = CaptureCorpus.Frames(file);
        Assert.Equal(dissected.Count, frames.Count);
        foreach (var frame in frames)
        {
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            table.Track(packet, time++, out _, out _);
            if (packet.IpLayerCount > 1)
            {
                found.Add(TunnelOuter);
                Add(outer, DirectionOf(packet.OuterIp), 1, packet.WireLength);
            }
            if (packet.InnerIp is { Version: 6, IsFragment: true } && !reassembly.Completes(packet.InnerIp))
            {
                found.Add(Ipv6Fragments);
                Add(fragments, DirectionOf(packet.InnerIp), 1, packet.WireLength);
            }
        }
        table.EndAll();
        var ours = new Dictionary<Direction, (long Frames, long Bytes)>();
        foreach (var (_, flow) in recorder.Ended)
        {
            string client = Text(flow.Client, flow.IpVersion), server = Text(flow.Server, flow.IpVersion);
            Add(ours, new Direction(flow.IpVersion, client, server), flow.PacketsFromClient, flow.BytesFromClient);
            Add(ours, new Direction(flow.IpVersion, server, client), flow.PacketsFromServer, flow.BytesFromServer);
        }
        return (ours, outer, fragments, found);
    }

    private static Direction DirectionOf(in IpLayer ip) => new(ip.Version, Text(ip.Source, ip.Version), Text(ip.Destination, ip.Version));

    private static string Text(IpAddress address, int version) => version == 6 ? address.ToIPv6String() : address.ToString();

    private static void Add(Dictionary<Direction, (long Frames, long Bytes)> table, Direction direction, long frames, long bytes)
    {
        if (frames == 0)
            return;
        var seen = table.GetValueOrDefault(direction);
        table[direction] = (seen.Frames + frames, seen.Bytes + bytes);
    }

    /// <summary>Which IPv6 fragment completes its datagram: the ranges seen per (source, destination, id) cover 0 to the end the last fragment gives.</summary>
    private sealed class FragmentRanges
    {
        private readonly Dictionary<(IpAddress, IpAddress, uint), (List<(int Start, int End)> Ranges, int? Length)> _datagrams = [];

        public bool Completes(in IpLayer fragment)
        {
            var key = (fragment.Source, fragment.Destination, fragment.FragmentId);
            if (!_datagrams.TryGetValue(key, out var datagram))
                datagram = ([], null);
            var end = fragment.FragmentOffset + fragment.TotalLength - fragment.HeaderLength;
            datagram.Ranges.Add((fragment.FragmentOffset, end));
            if (!fragment.MoreFragments)
                datagram.Length = end;
            _datagrams[key] = datagram;
            if (datagram.Length is not { } length)
                return false;
            var covered = 0;
            foreach (var (start, stop) in datagram.Ranges.OrderBy(r => r.Start))
            {
                if (start > covered)
                    return false;
                covered = Math.Max(covered, stop);
            }
            if (covered < length)
                return false;
            _datagrams.Remove(key);
            return true;
        }
    }
}
