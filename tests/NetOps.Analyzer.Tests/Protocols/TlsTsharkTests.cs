using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>
/// Every ClientHello over TCP of every corpus capture, found and read by NetOps and dissected by tshark
/// (with its TCP reassembly, so a hello spanning segments shows at the frame completing it): server
/// name, ALPN protocols, cipher suites, extension types and supported versions must be equal.
/// </summary>
public sealed class TlsTsharkTests
{
    private static readonly string[] Fields =
    [
        "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str", "tls.handshake.ciphersuite",
        "tls.handshake.extension.type", "tls.handshake.extensions.supported_version",
    ];

    /// <summary>tshark shows a retransmitted ClientHello again, and the second one after a HelloRetryRequest; NetOps reads a direction's first.</summary>
    private const string Repeated = "tshark only: a direction's second hello";

    /// <summary>TLS begun after another protocol in the same stream (Gnutella's upgrade, HTTP CONNECT): NetOps reads TLS at a stream's start only.</summary>
    private const string MidStream = "tshark only: TLS after another protocol";

    /// <summary>TLS on a port tshark dissects as something else (80) or not at all (6888).</summary>
    private const string OtherPort = "NetOps only: TLS on a port tshark does not expect it";

    /// <summary>Per file, what only one side shows (and malformed hellos by reason); files not listed have nothing.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
        ["ndpi/alexa-app.pcapng"] = new() { [Repeated] = 14 },
        ["ndpi/reddit.pcap"] = new() { [Repeated] = 1 },
        ["ndpi/gnutella.pcap"] = new() { [MidStream] = 4, [OtherPort] = 1 },
        ["ndpi/http_connect.pcap"] = new() { [MidStream] = 1 },
        ["ndpi/tls_port_80.pcapng"] = new() { [OtherPort] = 1 },
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.ReadableFileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Client_hellos_equal_tshark(string file)
    {
        var theirs = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "tls.handshake.type == 1 && tcp", reassembleTcp: true, Fields);
        var (hellos, counts) = TlsHellos.Of(file);
        var directions = PayloadFrame.Of(file).ToDictionary(f => f.Number, f => f.Direction);
        var read = hellos.Select(h => h.First.Direction).ToHashSet();
        var differences = new List<string>();
        foreach (var hello in hellos)
        {
            if (!theirs.Remove(hello.Frame, out var packet))
            {
                counts[OtherPort] = counts.GetValueOrDefault(OtherPort) + 1;
                continue;
            }
            Compare(hello.Frame, "server name", hello.ServerName is null ? [] : [hello.ServerName], packet.Values(Fields[0]), differences);
            Compare(hello.Frame, "alpn", hello.Alpn, packet.Values(Fields[1]), differences);
            Compare(hello.Frame, "cipher suites", hello.CipherSuites, packet.Values(Fields[2]), differences);
            Compare(hello.Frame, "extensions", hello.ExtensionTypes, packet.Values(Fields[3]), differences);
            Compare(hello.Frame, "supported versions", hello.SupportedVersions, packet.Values(Fields[4]), differences);
        }
        foreach (var number in theirs.Keys)
        {
            var key = read.Contains(directions[number]) ? Repeated : MidStream;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.True(differences.Count == 0, $"{hellos.Count} hellos; " + string.Join("\n", differences.Take(30)));
        Assert.True(Expected.GetValueOrDefault(file, []).OrderBy(p => p.Key).SequenceEqual(counts.OrderBy(p => p.Key)),
            string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"[\"{p.Key}\"] = {p.Value}")));
    }

    private static void Compare(int frame, string what, IEnumerable<string> ours, IEnumerable<string> theirs, List<string> differences)
    {
        if (!ours.SequenceEqual(theirs))
            differences.Add($"{frame} {what}: NetOps '{string.Join(',', ours)}', tshark '{string.Join(',', theirs)}'");
    }
}
