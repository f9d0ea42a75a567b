using System.Text;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>
/// Every packet of every corpus capture, decoded by NetOps and dissected by tshark, compared field by
/// field (<see cref="TsharkComparison"/>: outer and innermost IP layer, transport, link, tunnels). A
/// packet that differs must fall in one of the classes below, with exactly the count given per file.
/// </summary>
public sealed class TsharkDifferentialTests
{
    private const string TsharkError = "8388608"; // PI_ERROR in _ws.expert.severity

    /// <summary>
    /// Legitimate differences, by file and class. The one class so far: NetOps stops at a header whose
    /// lengths are impossible (counting the packet malformed by that reason, keeping the layers
    /// before it), while tshark reports an error on the same frame and dissects on with what it can
    /// (showing the bogus IP header or the transport header's ports). For the ICMP, UDP and TCP
    /// reasons that leaves the IP layer equal and only the transport missing on our side.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
    };

    [Theory]
    [MemberData(nameof(CaptureCorpus.FileNames), MemberType = typeof(CaptureCorpus))]
    public void Decoded_fields_equal_tsharks(string file)
    {
        if (CaptureCorpus.Refused.Contains(file))
            return;
        var frames = CaptureCorpus.Frames(file);
        var dissected = Tshark.Dissect(CaptureCorpus.PathOf(file));
        Assert.Equal(dissected.Count, frames.Count);
        var unexplained = new StringBuilder();
        var classes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var packet = new DecodedPacket();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            var differences = TsharkComparison.Compare(packet, dissected[i]);
            if (differences.Count == 0)
                continue;
            if (Classify(packet, dissected[i]) is { } known)
            {
                classes[known] = classes.GetValueOrDefault(known) + 1;
                continue;
            }
            unexplained.Append($"frame {frame.Number} [{string.Join(':', dissected[i].Protocols)}] malformed={packet.Malformed}/{packet.MalformedLayer}: ");
            unexplained.AppendLine(string.Join("; ", differences));
        }
        Assert.True(unexplained.Length == 0, $"{file}: differences in no known class:\n{unexplained}");
        var expected = Expected.GetValueOrDefault(file) ?? [];
        Assert.True(expected.OrderBy(e => e.Key, StringComparer.Ordinal).SequenceEqual(classes),
            $"{file}: expected [{string.Join(", ", expected.Select(e => $"{e.Key} = {e.Value}"))}], "
            + $"found [{string.Join(", ", classes.Select(e => $"[\"{e.Key}\"] = {e.Value}"))}]");
    }

    private static string? Classify(in DecodedPacket ours, TsharkPacket theirs)
    {
        if (ours.IsMalformed && theirs.Values("_ws.expert.severity").Contains(TsharkError))
            return $"{ours.Malformed}, tshark error";
        return null;
    }
}
