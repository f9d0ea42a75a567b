using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>
/// Every QUIC ClientHello of every corpus capture, decrypted by NetOps from the Initial packets and by
/// tshark (which shows it as tls.handshake under quic, at the frame completing the CRYPTO data):
/// server name and ALPN must be equal.
/// </summary>
public sealed class QuicTsharkTests
{
    private static readonly string[] Fields = ["tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str", "quic.version"];

    /// <summary>Per file, what only one side shows; files not listed have nothing.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.ReadableFileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Quic_hellos_equal_tshark(string file)
    {
        var theirs = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "quic && tls.handshake.type == 1", Fields);
        var counts = new Dictionary<string, int>();
        var differences = new List<string>();
        var hellos = QuicHellos.Of(file);
        foreach (var hello in hellos)
        {
            if (!theirs.Remove(hello.Frame, out var packet))
            {
                differences.Add($"{hello.Frame}: only NetOps ({hello.Version:x8} {hello.ServerName})");
                continue;
            }
            if ((hello.ServerName ?? "") != (packet.First(Fields[0]) ?? ""))
                differences.Add($"{hello.Frame} server name: NetOps '{hello.ServerName}', tshark '{packet.First(Fields[0])}'");
            if (!hello.Alpn.SequenceEqual(packet.Values(Fields[1])))
                differences.Add($"{hello.Frame} alpn: NetOps '{string.Join(',', hello.Alpn)}', tshark '{string.Join(',', packet.Values(Fields[1]))}'");
        }
        foreach (var (number, packet) in theirs)
            differences.Add($"{number}: only tshark ({packet.First(Fields[2])} {packet.First(Fields[0])})");
        Assert.True(differences.Count == 0, $"{hellos.Count} hellos; " + string.Join("\n", differences.Take(30)));
        Assert.True(Expected.GetValueOrDefault(file, []).OrderBy(p => p.Key).SequenceEqual(counts.OrderBy(p => p.Key)),
            string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"[\"{p.Key}\"] = {p.Value}")));
    }
}
