using System.Text;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>
/// Every packet of every corpus capture, decoded by NetOps and dissected by tshark, compared field by
/// field (<see cref="TsharkComparison"/>: outer and innermost IP layer with addresses and lengths,
/// ports, VLAN ids, MPLS label, PPPoE session, tunnels, transport protocol). A packet that differs must
/// fall in one of the <see cref="Classes"/> below — a class names the malformed reason NetOps gave and
/// the only fields allowed to differ — and each file must have exactly the count given in
/// <see cref="Expected"/> per class: a new difference, or one fewer, fails the test.
/// </summary>
public sealed class TsharkDifferentialTests
{
    /// <summary>PI_ERROR, as tshark prints it in _ws.expert.severity.</summary>
    private const string TsharkError = "8388608";

    private const string TransportProtocol = "transport protocol";
    private const string IpLayers = "ip layers";

    private sealed record DifferenceClass(string Name, Func<DecodedPacket, TsharkPacket, bool> Matches, params string[] MayDiffer);

    private static bool TsharkReportsError(TsharkPacket theirs) => theirs.Values("_ws.expert.severity").Contains(TsharkError);

    private static DifferenceClass Reason(string name, MalformedReason reason, params string[] mayDiffer) =>
        new(name, (ours, theirs) => ours.Malformed == reason && TsharkReportsError(theirs), mayDiffer);

    /// <summary>The legitimate differences. NetOps stops at the first header that lies; tshark reports an
    /// error there and dissects on with what bytes there are.</summary>
    private static readonly DifferenceClass[] Classes =
    [
        // The IPv4 header is whole but its total length exceeds the frame: both keep the IP layer
        // (same addresses and lengths); NetOps decodes nothing inside it, tshark the transport header.
        Reason("ip length beyond frame", MalformedReason.IPv4TotalLengthBeyondFrame, TransportProtocol),
        // The UDP length exceeds the IP payload: NetOps drops the UDP layer, tshark shows it with an error.
        Reason("udp length beyond ip payload", MalformedReason.UdpLengthMismatch, TransportProtocol),
        // The TCP data offset points past the segment: NetOps drops the TCP layer, tshark shows its ports.
        Reason("tcp header beyond segment", MalformedReason.TruncatedTcp, TransportProtocol),
        // A TCP data offset below 5 (20 bytes): NetOps drops the TCP layer, tshark shows its ports.
        Reason("tcp data offset below 5", MalformedReason.BadTcpDataOffset, TransportProtocol),
        // IHL below 5: tshark names an "ip" layer and stops before its addresses; NetOps has no IP layer.
        Reason("ipv4 header length below 20", MalformedReason.BadIPv4HeaderLength, IpLayers),
        // EtherType 0x0800 whose version nibble is not 4: tshark names an "ip" layer (for version 6 it
        // even dissects IPv6 there); NetOps trusts neither and counts BadIPv4Version.
        Reason("ethertype ipv4, version not 4", MalformedReason.BadIPv4Version, IpLayers),
        // A first fragment too short for its TCP header (the rest would be in the next fragment, RFC
        // 1858's tiny fragment): tshark shows the ports it can read; NetOps, seeing half a header,
        // decodes no transport and, as for any fragment, does not call it malformed.
        new("first fragment shorter than tcp header",
            (ours, _) => !ours.IsMalformed && ours.InnerIp is { IsFragment: true, IsLaterFragment: false, Protocol: IpProtocols.Tcp }
                && ours.Transport.Protocol == 0,
            TransportProtocol),
    ];

    /// <summary>How many packets of each file fall in each class; files not listed have none.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
        ["ndpi/badpackets.pcap"] = new() { ["ip length beyond frame"] = 93 },
        ["ndpi/fuzz-2006-06-26-2594.pcap"] = new()
        {
            ["ip length beyond frame"] = 23,
            ["udp length beyond ip payload"] = 25,
            ["ethertype ipv4, version not 4"] = 6,
            ["ipv4 header length below 20"] = 1,
            ["tcp header beyond segment"] = 1,
        },
        ["ndpi/ip_fragmented_garbage.pcap"] = new() { ["first fragment shorter than tcp header"] = 2, ["tcp data offset below 5"] = 2 },
        ["ndpi/telnet.pcap"] = new() { ["ip length beyond frame"] = 5 },
        ["peafowl/truncated_tcp.pcap"] = new() { ["tcp header beyond segment"] = 1 },
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.FileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Decoded_fields_equal_tsharks(string file)
    {
        if (CaptureCorpus.Refused.Contains(file))
        {
            CaptureCorpus.AssertRefused(file);
            return;
        }
        var frames = CaptureCorpus.Frames(file);
        var dissected = await TsharkDissection.DissectAsync(file);
        Assert.Equal(dissected.Count, frames.Count);
        var unexplained = new StringBuilder();
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var packet = new DecodedPacket();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            var differences = TsharkComparison.Compare(packet, dissected[i]);
            if (differences.Count == 0)
                continue;
            var known = Classes.FirstOrDefault(c => c.Matches(packet, dissected[i]) && differences.All(d => c.MayDiffer.Contains(d.Field)));
            if (known is not null)
            {
                found.Add(known.Name);
                continue;
            }
            unexplained.Append($"frame {frame.Number} [{string.Join(':', dissected[i].Protocols)}] malformed={packet.Malformed}/{packet.MalformedLayer}: ");
            unexplained.AppendLine(string.Join("; ", differences));
        }
        Assert.True(unexplained.Length == 0, $"{file}: differences in no known class:\n{unexplained}");
        ExpectedCounts.Equal(file, Expected.GetValueOrDefault(file), found);
    }

    [Fact]
    public void Every_class_of_difference_is_expected_somewhere()
    {
        var used = Expected.Values.SelectMany(e => e.Keys).ToHashSet();
        Assert.All(Classes, c => Assert.Contains(c.Name, used));
    }
}
