using System.Text;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>Every packet of every corpus capture, decoded by NetOps and dissected by tshark, field by field.</summary>
public sealed class TsharkDifferentialTests
{
    [Theory]
    [MemberData(nameof(CaptureCorpus.FileNames), MemberType = typeof(CaptureCorpus))]
    public void Decoded_fields_equal_tsharks(string file)
    {
        var frames = CaptureCorpus.Frames(file);
        var dissected = Tshark.Dissect(CaptureCorpus.PathOf(file));
        Assert.Equal(dissected.Count, frames.Count);
        var report = new StringBuilder();
        var packet = new DecodedPacket();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            var differences = TsharkComparison.Compare(packet, dissected[i]);
            if (differences.Count == 0)
                continue;
            report.Append($"frame {frame.Number} [{string.Join(':', dissected[i].Protocols)}] malformed={packet.Malformed}/{packet.MalformedLayer}: ");
            report.AppendLine(string.Join("; ", differences));
        }
        Assert.True(report.Length == 0, $"{file}:\n{report}");
    }
}
