using System.Text;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>
/// The hand-built <see cref="SampleFrames"/>, written into one pcapng file and dissected by tshark in
/// one run: for the encapsulations the corpus lacks (GRE, MPLS, IP-in-IP, ERSPAN, PPTP, SLL2, Loop…)
/// this is the proof that the frames are what the unit tests say, and that NetOps reads them as tshark does.
/// </summary>
public sealed class SampleFramesTsharkTests
{
    [Fact]
    public async Task Every_sample_frame_decodes_as_tshark_dissects_it()
    {
        var folder = TestDirectories.Create("samples");
        try
        {
            var path = Path.Combine(folder, "samples.pcapng");
            var samples = SampleFrames.All;
            PcapngWriter.Write(path, samples.Select(s => (s.LinkType, s.Data, s.WireLength)));
            var dissected = await TsharkDissection.DissectPathAsync(path);
            Assert.Equal(samples.Count, dissected.Count);
            var report = new StringBuilder();
            for (var i = 0; i < samples.Count; i++)
            {
                var differences = TsharkComparison.Compare(samples[i].Decode(), dissected[i]);
                if (differences.Count > 0)
                    report.AppendLine($"{samples[i].Name} [{string.Join(':', dissected[i].Protocols)}]: {string.Join("; ", differences)}");
            }
            Assert.True(report.Length == 0, report.ToString());
        }
        finally
        {
            TestDirectories.Delete(folder);
        }
    }
}
