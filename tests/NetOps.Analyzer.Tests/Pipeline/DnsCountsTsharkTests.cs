using System.Globalization;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Traffic;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Pipeline;

/// <summary>
/// The pipeline's DNS figures (<see cref="DnsTraffic"/>: port 53 only) of every corpus capture against
/// tshark's dissection of the same packets (reassembly off): query messages, A and AAAA questions,
/// responses, responses to AAAA, and AAAA and A questions answered by a record of the asked type in the
/// answer section. Three files differ, by exactly the amounts of <see cref="OnlyTshark"/>.
/// </summary>
public sealed class DnsCountsTsharkTests
{
    /// <summary>What tshark counts beyond ours, per file (tshark minus NetOps); files not listed are equal.</summary>
    private static readonly Dictionary<string, DnsTraffic> OnlyTshark = new()
    {
        // 91 DNS responses in IPv4 datagrams whose total length exceeds the frame: NetOps decodes nothing
        // inside such a header (IPv4TotalLengthBeyondFrame, see the decoding differential test); tshark reads on.
        ["ndpi/badpackets.pcap"] = new() { Responses = 91, AaaaResponses = 9, AaaaAnswered = 8, AAnswered = 30 },
        // Four responses whose second question's name exceeds 255 bytes: the DNS reader stops there
        // (NameTooLong) before the answers; tshark shows "<Name too long>" and reads the answers.
        ["ndpi/malformed_dns.pcap"] = new() { AAnswered = 4 },
        // A Wireshark fuzz capture: DNS in datagrams NetOps finds malformed below DNS (bad UDP lengths,
        // IPv4 lengths beyond the frame), which tshark dissects anyway.
        ["ndpi/fuzz-2006-06-26-2594.pcap"] = new() { Queries = 16, AQueries = 1, Responses = 1 },
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.FileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Dns_counts_equal_tsharks(string file)
    {
        if (CaptureCorpus.Refused.Contains(file))
        {
            CaptureCorpus.AssertRefused(file);
            return;
        }
        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        using (var reader = CaptureFile.Open(CaptureCorpus.PathOf(file)))
            pipeline.Run(reader);
        var ours = pipeline.Complete().Total.Dns;

        var theirs = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "dns && (udp.port == 53 || tcp.port == 53)",
            "dns.flags.response", "dns.qry.type", "dns.count.answers", "dns.resp.type");
        long queries = 0, aQueries = 0, aaaaQueries = 0, responses = 0, aaaaResponses = 0, aaaaAnswered = 0, aAnswered = 0;
        foreach (var packet in theirs.Values)
        {
            var types = packet.Values("dns.qry.type");
            // A DNS-in-ICMP-error quote or a second message in one TCP segment: only the first message counts.
            if (packet.Values("dns.flags.response") is not [var response, ..])
                continue;
            if (response == "0")
            {
                queries++;
                aQueries += types.Count(t => t == "1");
                aaaaQueries += types.Count(t => t == "28");
                continue;
            }
            responses++;
            if (types is not [var asked, ..])
                continue;
            var answers = packet.First("dns.count.answers") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 0;
            var answered = packet.Values("dns.resp.type").Take(answers).Contains(asked);
            aaaaResponses += asked == "28" ? 1 : 0;
            aaaaAnswered += answered && asked == "28" ? 1 : 0;
            aAnswered += answered && asked == "1" ? 1 : 0;
        }
        var tshark = new DnsTraffic
        {
            Queries = queries, AQueries = aQueries, AaaaQueries = aaaaQueries, Responses = responses,
            AaaaResponses = aaaaResponses, AaaaAnswered = aaaaAnswered, AAnswered = aAnswered,
        };
        var difference = new DnsTraffic
        {
            Queries = tshark.Queries - ours.Queries, AQueries = tshark.AQueries - ours.AQueries, AaaaQueries = tshark.AaaaQueries - ours.AaaaQueries,
            Responses = tshark.Responses - ours.Responses, AaaaResponses = tshark.AaaaResponses - ours.AaaaResponses,
            AaaaAnswered = tshark.AaaaAnswered - ours.AaaaAnswered, AAnswered = tshark.AAnswered - ours.AAnswered,
        };
        Assert.Equal(OnlyTshark.GetValueOrDefault(file, new DnsTraffic()), difference);
    }
}
