using NetOps.Capture.Files;

namespace NetOps.Capture.Tests.Files;

/// <summary>Every capture of the corpus, read by NetOps and by tshark: the same frames, lengths and times.</summary>
public sealed class CorpusTests
{
    private const string PppFile = "ndpi/dlt_ppp.pcap";

    public static TheoryData<string> Files() => Corpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task FramesEqualTsharks(string file)
    {
        var path = Corpus.PathOf(file);
        if (file == PppFile)
            return; // refused; see PppLinkTypeIsRefusedByNumberAndFile
        var expected = await Tshark.FramesAsync(path);
        var (frames, statistics) = ReadAll(path);

        Assert.Equal(Corpus.Find(file).Packets, frames.Count);
        Assert.Equal(expected.Count, frames.Count);
        for (var i = 0; i < frames.Count; i++)
            Assert.True(expected[i] == frames[i], $"frame {i + 1}: tshark {expected[i]}, NetOps {frames[i]}");
        Assert.Equal(expected.Sum(f => (long)f.Length), statistics.Bytes);
        Assert.Equal(frames.Count, statistics.Frames);
    }

    [Fact]
    public void PppLinkTypeIsRefusedByNumberAndFile()
    {
        var path = Corpus.PathOf(PppFile);
        var e = Assert.Throws<UnsupportedLinkTypeException>(() => CaptureFile.Open(path));
        Assert.Equal(9u, e.LinkType);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("LINKTYPE_PPP (9)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedSecondRecordStopsAfterTheFirstFrame()
    {
        // Nanosecond pcap 2.0 (lengths swapped, as libpcap before 2.3 wrote them), BSD null link
        // type: 24 + 16 + 197 bytes, then 2 bytes of a second record header. Its one frame has an
        // un-normalised nanosecond field and a 512 KiB wire length.
        var (frames, statistics) = ReadAll(Corpus.PathOf("ndpi/fuzz-2021-10-13.pcap"));
        Assert.Single(frames);
        Assert.Equal(MalformedReason.TruncatedHeader, statistics.StoppedBy);
        Assert.Equal(1, statistics[MalformedReason.TruncatedHeader]);
        Assert.Equal(197, statistics.CapturedBytes);
        Assert.Equal(1, statistics[MalformedReason.TimestampOutOfRange]);
        Assert.Equal(1, statistics[MalformedReason.OriginalLengthImplausible]);
        Assert.Contains("offset", statistics.StopMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatsAndLinkTypesComeFromTheHeaders()
    {
        using (var reader = (PcapFileReader)CaptureFile.Open(Corpus.PathOf("ndpi/fuzz-2021-10-13.pcap")))
        {
            Assert.Equal(CaptureFileFormat.PcapNanoseconds, reader.Format);
            Assert.Equal(LinkType.Null, reader.LinkType);
        }
        using (var reader = (PcapNgFileReader)CaptureFile.Open(Corpus.PathOf("ndpi/dns.pcap")))
            Assert.Equal(CaptureFileFormat.PcapNg, reader.Format);
        using (var reader = (PcapFileReader)CaptureFile.Open(Corpus.PathOf("tcpdump/RADIUS-RFC4675.pcap")))
            Assert.Equal(LinkType.LinuxSll, reader.LinkType);
        using (var reader = (PcapFileReader)CaptureFile.Open(Corpus.PathOf("zeek/http_basic-auth-with-colon.pcap")))
            Assert.Equal(LinkType.RawIpv4, reader.LinkType);
        var bigEndian = Corpus.Entries.Select(e => Corpus.PathOf(e.File)).Where(p => p != Corpus.PathOf(PppFile))
            .Select(p => CaptureFile.Open(p)).OfType<PcapFileReader>().Where(r => { r.Dispose(); return r.BigEndian; }).ToList();
        Assert.NotEmpty(bigEndian);
    }

    internal static (List<Tshark.Frame> Frames, CaptureStatistics Statistics) ReadAll(string path)
    {
        using var reader = CaptureFile.Open(path);
        var frames = new List<Tshark.Frame>();
        while (reader.TryReadNext(out var header, out var data))
        {
            Assert.Equal(header.CapturedLength, data.Length);
            frames.Add(new Tshark.Frame(header.OriginalLength, header.CapturedLength, header.TimestampNanos));
        }
        Assert.False(reader.TryReadNext(out _, out _));
        return (frames, reader.Statistics);
    }
}
