using System.Text;
using NetOps.Analyzer.Protocols.Http;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>
/// Every TCP segment of every corpus capture that starts an HTTP/1.x request, read by
/// <see cref="HttpRequestReader"/> and dissected by tshark segment by segment (no TCP reassembly):
/// method, Host, User-Agent and the Authorization scheme must be equal.
/// </summary>
public sealed class HttpTsharkTests
{
    private static readonly string[] Fields = ["http.request.method", "http.host", "http.user_agent", "http.authorization", "http.request.version"];

    /// <summary>A header line cut by the segment's end: tshark shows its beginning, NetOps leaves it unread.</summary>
    private const string CutLine = "header line cut at the segment's end";

    /// <summary>More than one space after the method: tshark takes the target to end at the second space.</summary>
    private const string Spaces = "spaces after the method";

    /// <summary>Per file, the legitimate differences; files not listed have none.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
        ["ndpi/1kxun.pcap"] = new() { [CutLine] = 2 },
        ["ndpi/http-manipulated.pcap"] = new() { [Spaces] = 1 },
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.ReadableFileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Requests_equal_tshark(string file)
    {
        var theirs = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "http.request && tcp", Fields);
        var counts = new Dictionary<string, int>();
        var differences = new List<string>();
        var compared = 0;
        foreach (var frame in PayloadFrame.Of(file).Where(f => f.Protocol == IpProtocols.Tcp && !f.IsLaterFragment))
        {
            var status = HttpRequestReader.TryRead(frame.Payload, out var request);
            var tsharkHas = theirs.Remove(frame.Number, out var packet);
            if (status == HttpHeadStatus.NotHttp)
            {
                if (tsharkHas)
                    differences.Add($"{frame.Number}: only tshark ({packet!.First(Fields[0])} {packet.First(Fields[1])})");
                continue;
            }
            if (!tsharkHas)
            {
                differences.Add($"{frame.Number}: only NetOps ({Encoding.ASCII.GetString(request.Method)} {Encoding.ASCII.GetString(request.Host)})");
                continue;
            }
            compared++;
            var cut = frame.Payload[^1] != '\n';
            var before = differences.Count;
            Compare(frame.Number, "method", request.Method, packet!.First(Fields[0]), differences);
            Compare(frame.Number, "host", request.Host, packet.First(Fields[1]), differences);
            Compare(frame.Number, "user agent", request.UserAgent, packet.First(Fields[2]), differences);
            Compare(frame.Number, "authorization scheme", request.AuthorizationScheme, packet.First(Fields[3])?.Split(' ')[0], differences);
            if (request.HasRequestLine && frame.Payload[request.Method.Length + 1] == ' ')
                Count(counts, Spaces);
            else if (request.HasRequestLine)
                Compare(frame.Number, "version", Encoding.ASCII.GetBytes($"HTTP/1.{request.MinorVersion}"), packet.First(Fields[4]), differences);
            if (cut && differences.Count == before + 1 && differences[^1].Contains("NetOps ''", StringComparison.Ordinal))
            {
                differences.RemoveAt(before);
                Count(counts, CutLine);
            }
        }
        foreach (var (number, packet) in theirs)
            differences.Add($"{number}: only tshark ({packet.First(Fields[0])} {packet.First(Fields[1])})");
        Assert.True(differences.Count == 0, $"{compared} compared; " + string.Join("\n", differences.Take(30)));
        Assert.True(Expected.GetValueOrDefault(file, []).OrderBy(p => p.Key).SequenceEqual(counts.OrderBy(p => p.Key)),
            string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"[\"{p.Key}\"] = {p.Value}")));
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void Compare(int frame, string what, ReadOnlySpan<byte> ours, string? theirs, List<string> differences)
    {
        var text = Encoding.Latin1.GetString(ours);
        if (text != (theirs ?? ""))
            differences.Add($"{frame} {what}: NetOps '{text}', tshark '{theirs}'");
    }
}
