using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>
/// Every corpus capture, the fuzzed and malformed ones included, decodes without an exception, and
/// its malformed packets are exactly these, by reason and layer. A file not listed has none: the
/// real captures are well-formed, and a decoder that starts calling good packets malformed fails here.
/// </summary>
public sealed class CorpusMalformedTests
{
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
        // 93 DNS-over-UDP datagrams whose IPv4 total length exceeds the frame.
        ["ndpi/badpackets.pcap"] = new() { ["IPv4TotalLengthBeyondFrame in IPv4"] = 93 },
        // Wireshark's fuzzer: bytes flipped at every layer.
        ["ndpi/fuzz-2006-06-26-2594.pcap"] = new()
        {
            ["BadIPv4HeaderLength in IPv4"] = 1,
            ["BadIPv4Version in IPv4"] = 6,
            ["IPv4TotalLengthBeyondFrame in IPv4"] = 26,
            ["TruncatedTcp in Tcp"] = 1,
            ["UdpLengthMismatch in Udp"] = 25,
        },
        // Two first fragments whose TCP data offset is 2 and 4 (tshark: "Bogus TCP header length").
        ["ndpi/ip_fragmented_garbage.pcap"] = new() { ["BadTcpDataOffset in Tcp"] = 2 },
        // Five TCP segments whose IPv4 total length exceeds the frame (tshark reports the same five).
        ["ndpi/telnet.pcap"] = new() { ["IPv4TotalLengthBeyondFrame in IPv4"] = 5 },
        // One segment whose TCP data offset points past the frame.
        ["peafowl/truncated_tcp.pcap"] = new() { ["TruncatedTcp in Tcp"] = 1 },
        // Malformed above the layers NetOps decodes, so nothing to count here (tshark agrees: no
        // error below the application in them either): fuzzed DHCP, odd DNS, an ICMP message of type 165,
        // and a file cut short inside its second record (the capture reader's count, not ours).
        ["ndpi/dhcp-fuzz.pcapng"] = [],
        ["ndpi/malformed_dns.pcap"] = [],
        ["ndpi/malformed_icmp.pcap"] = [],
        ["ndpi/fuzz-2021-10-13.pcap"] = [],
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.FileNames), MemberType = typeof(CaptureCorpus))]
    public void Malformed_packets_are_counted_by_reason(string file)
    {
        if (CaptureCorpus.Refused.Contains(file))
        {
            CaptureCorpus.AssertRefused(file);
            return;
        }
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var packet = new DecodedPacket();
        foreach (var frame in CaptureCorpus.Frames(file))
        {
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            if (packet.IsMalformed)
            {
                var key = $"{packet.Malformed} in {packet.MalformedLayer}";
                found.Add(key);
            }
        }
        ExpectedCounts.Equal(file, Expected.GetValueOrDefault(file), found);
    }
}
