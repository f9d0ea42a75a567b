using System.Globalization;
using NetOps.Analyzer.Detectors;
using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Tests.Protocols;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Detectors;

/// <summary>
/// The application detectors in the real pipeline over every corpus capture: the server names they
/// report equal what the tshark-checked readers find (TLS and QUIC SNI), every flow named from a DNS
/// answer has a response tshark shows (to that client, for that name, with that address), and the
/// DNS query counts by type equal tshark's.
/// </summary>
public sealed class ApplicationDetectorsCorpusTests
{
    internal static (ApplicationDetectors Detectors, RecordingNameObserver Observer, AnalysisResult Result) Analyze(string file)
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        var detectors = new ApplicationDetectors();
        var observer = new RecordingNameObserver();
        detectors.Names.AddObserver(observer);
        detectors.AddTo(pipeline);
        using var reader = CaptureFile.Open(CaptureCorpus.PathOf(file));
        pipeline.BeginSource(file);
        pipeline.Run(reader);
        return (detectors, observer, pipeline.Complete());
    }

    [Theory]
    [MemberData(nameof(CaptureCorpus.ReadableFileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Names_and_counts_equal_the_checked_readers_and_tshark(string file)
    {
        var (detectors, observer, _) = Analyze(file);

        var tlsNames = TlsHellos.Of(file).Hellos.Where(h => !string.IsNullOrEmpty(h.ServerName)).Select(h => h.ServerName!.ToLowerInvariant()).Order();
        Assert.Equal(tlsNames, observer.Names(ServerNameSource.TlsSni).Order());
        var quicNames = QuicHellos.Of(file).Where(h => !string.IsNullOrEmpty(h.ServerName)).Select(h => h.ServerName!.ToLowerInvariant()).Order();
        Assert.Equal(quicNames, observer.Names(ServerNameSource.QuicSni).Order());

        var responses = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "dns.flags.response == 1 && (udp.srcport == 53 || tcp.srcport == 53)",
            "ip.dst", "ipv6.dst", "dns.qry.name", "dns.a", "dns.aaaa");
        var answered = new HashSet<(string Client, string Name, string Address)>();
        foreach (var packet in responses.Values)
        {
            var client = packet.Values("ipv6.dst").LastOrDefault() ?? packet.Values("ip.dst").Last();
            foreach (var address in packet.Values("dns.a").Concat(packet.Values("dns.aaaa")))
                answered.Add((client, packet.First("dns.qry.name") ?? "", address));
        }
        foreach (var (context, name, _) in observer.Seen.Where(s => s.Source == ServerNameSource.DnsAnswer))
        {
            var client = context.IpVersion == 6 ? context.Client.ToIPv6String() : context.Client.ToString();
            var server = context.IpVersion == 6 ? context.Server.ToIPv6String() : context.Server.ToString();
            Assert.Contains((client, name, server), answered);
        }

        var queries = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "dns.flags.response == 0 && (udp.dstport == 53 || tcp.dstport == 53) && dns.qry.type",
            "dns.qry.type");
        // Not counted: frames the decoder calls malformed, and questions NetOps stops at (DnsTsharkTests counts those per reason).
        var malformed = PayloadFrame.MalformedFrames(file);
        malformed.UnionWith(PayloadFrame.Of(file).Where(f => !HasReadableQuestion(f)).Select(f => f.Number));
        var expected = queries.Where(q => !malformed.Contains(q.Key)).GroupBy(q => ushort.Parse(q.Value.First("dns.qry.type")!, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), detectors.Dns.Counters.QueriesByType.OrderBy(p => p.Key));
    }

    private static bool HasReadableQuestion(PayloadFrame frame)
    {
        var ok = frame.Protocol == IpProtocols.Udp
            ? NetOps.Analyzer.Protocols.Dns.DnsMessageReader.TryRead(frame.Payload, out var reader, out _)
            : NetOps.Analyzer.Protocols.Dns.DnsMessageReader.TryReadTcp(frame.Payload, out reader, out _);
        return ok && reader.TryReadQuestion(out _);
    }
}
