using NetOps.Capture.Files;
using NetOps.Testing;

namespace NetOps.Capture.Tests.Files;

/// <summary>
/// Files the corpus lacks (big-endian nanosecond pcap, big-endian pcapng sections, 2^-n and
/// offset timestamps, simple and obsolete packet blocks, skipped block types), written here from
/// real corpus frames and checked against tshark and against the frames put in.
/// </summary>
public sealed class FormatTests : IDisposable
{
    private readonly string _dir = TestDirectories.Create("capture-formats");

    public void Dispose() => TestDirectories.Delete(_dir);

    private static List<(FrameHeader Header, byte[] Data)> SourceFrames(string file)
    {
        using var reader = CaptureFile.Open(Corpus.PathOf(file));
        var frames = new List<(FrameHeader, byte[])>();
        while (reader.TryReadNext(out var header, out var data))
            frames.Add((header, data.ToArray()));
        return frames;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task PcapInEitherByteOrderAndPrecisionEqualsTshark(bool bigEndian, bool nanoseconds)
    {
        var source = SourceFrames("ndpi/dns_fragmented.pcap");
        var builder = new CaptureBuilder(bigEndian).PcapHeader(nanoseconds, linkType: 1, snaplen: 1500);
        var i = 0;
        foreach (var (header, data) in source)
        {
            var seconds = (uint)(header.TimestampNanos / 1_000_000_000);
            var nanos = (uint)(header.TimestampNanos % 1_000_000_000) + (uint)(i++ * 37 % 1000);
            builder.PcapRecord(seconds, nanoseconds ? nanos : nanos / 1000, data, (uint)header.OriginalLength);
        }
        var path = Write(builder, "order.pcap");

        var frames = await AssertEqualsTsharkAsync(path, source.Select(s => s.Data).ToList());
        using var reader = (PcapFileReader)CaptureFile.Open(path);
        Assert.Equal(bigEndian, reader.BigEndian);
        Assert.Equal(nanoseconds ? CaptureFileFormat.PcapNanoseconds : CaptureFileFormat.Pcap, reader.Format);
        if (nanoseconds)
            Assert.Contains(frames, f => f.TimestampNanos % 1000 != 0);
        // dns_fragmented carries 1514-byte frames: above this file's snaplen of 1500, kept and counted.
        var (_, statistics) = CorpusTests.ReadAll(path);
        Assert.Equal(source.Count(s => s.Data.Length > 1500), statistics[MalformedReason.CapturedOverSnaplen]);
        Assert.True(statistics[MalformedReason.CapturedOverSnaplen] > 0);
    }

    [Fact]
    public async Task PcapBefore23HasItsLengthsSwappedAsLibpcapWroteThem()
    {
        var source = SourceFrames("ndpi/dns.pcap");
        var builder = new CaptureBuilder(bigEndian: false).PcapHeader(nanoseconds: false, linkType: 1, minor: 2);
        foreach (var (header, data) in source)
        {
            // captured/original written the other way round: original first
            builder.PcapRecord((uint)(header.TimestampNanos / 1_000_000_000), (uint)(header.TimestampNanos % 1_000_000_000 / 1000), data);
        }
        var path = Write(builder, "swapped.pcap");
        await AssertEqualsTsharkAsync(path, source.Select(s => s.Data).ToList());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PcapNgSectionsInterfacesAndBlocksEqualTshark(bool bigEndianFirst)
    {
        var ethernet = SourceFrames("ndpi/http.pcapng");
        var cooked = SourceFrames("ndpi/quic-v2.pcapng");
        var expected = new List<byte[]>();

        // Section 1: nanosecond and 2^-20 interfaces (the second with an offset), plus the block
        // types a reader must step over.
        var first = new CaptureBuilder(bigEndianFirst)
            .Section((4, "NetOps test"u8.ToArray()))
            .Interface(1, snaplen: 262144, tsresol: 9, name: "eth0")
            .Block(4, [0, 0, 0, 0])                       // name resolution, empty
            .Interface(1, snaplen: 0, tsresol: 0x80 | 20, tsoffset: 3600, name: "eth1");
        for (var i = 0; i < ethernet.Count; i++)
        {
            var (header, data) = ethernet[i];
            var seconds = (ulong)(header.TimestampNanos / 1_000_000_000);
            if (i % 2 == 0)
                first.Enhanced(0, (ulong)header.TimestampNanos + (ulong)i, data, (uint)header.OriginalLength, withComment: i == 2);
            else
                first.Obsolete(1, (seconds << 20) | (uint)(i * 12345 % (1 << 20)), data, (uint)header.OriginalLength);
            expected.Add(data);
            if (i == 3)
            {
                first.Block(5, new byte[12]);             // interface statistics
                first.Block(0x0A, new byte[12]);          // decryption secrets
                first.Block(0x77777777, new byte[20]);    // unknown
            }
        }

        // Section 2, other byte order: Linux cooked frames, millisecond timestamps, snaplen 64, and
        // simple packet blocks (no timestamp) cut to that snaplen.
        var second = new CaptureBuilder(!bigEndianFirst).Section().Interface(113, snaplen: 64, tsresol: 3);
        for (var i = 0; i < cooked.Count; i++)
        {
            var (header, data) = cooked[i];
            if (i % 3 == 0)
            {
                second.Simple(data, 64);
                expected.Add(data.Length > 64 ? data[..64] : data);
            }
            else
            {
                second.Enhanced(0, (ulong)(header.TimestampNanos / 1_000_000), data, (uint)header.OriginalLength);
                expected.Add(data);
            }
        }
        var path = Write(new CaptureBuilder(false).Append(first.ToArray()).Append(second.ToArray()), "sections.pcapng");

        await AssertEqualsTsharkAsync(path, expected);
        using var reader = (PcapNgFileReader)CaptureFile.Open(path);
        while (reader.TryReadNext(out _, out _))
        {
        }
        Assert.Equal(2, reader.Sections);
        Assert.Equal(4, reader.SkippedBlocks);
        Assert.Equal(["eth0", "eth1", null], reader.Interfaces.Select(i => i.Name));
        Assert.Equal([LinkType.Ethernet, LinkType.Ethernet, LinkType.LinuxSll], reader.Interfaces.Select(i => i.LinkType));
        Assert.Equal((byte)(0x80 | 20), reader.Interfaces[1].TimestampResolution);
        Assert.Equal(3600, reader.Interfaces[1].TimestampOffsetSeconds);
        // Cooked EPB frames above the snaplen of 64 are kept whole and counted.
        Assert.True(reader.Statistics[MalformedReason.CapturedOverSnaplen] > 0);
        Assert.Equal(reader.Statistics.Malformed, reader.Statistics[MalformedReason.CapturedOverSnaplen]);
    }

    [Fact]
    public async Task CustomBlocksAreSkippedThoughTsharkListsThemAsRecords()
    {
        // tshark 4.0 shows a custom block (0xBAD) as a record of its own, protocol "data", without a
        // time; it carries no frame, so NetOps skips it: the one documented difference.
        var frame = SourceFrames("ndpi/dns.pcap")[0].Data;
        var path = Write(new CaptureBuilder(false).Section().Interface(1).Enhanced(0, 1, frame)
            .Block(0xBAD, new byte[8]).Enhanced(0, 2, frame), "custom.pcapng");
        var tshark = await Tshark.FramesAsync(path);
        Assert.Equal(3, tshark.Count);
        Assert.Equal(0, tshark[1].TimestampNanos);
        var (frames, statistics) = CorpusTests.ReadAll(path);
        Assert.Equal([tshark[0], tshark[2]], frames);
        Assert.Equal(0, statistics.Malformed);
    }

    [Fact]
    public void PcapNgWhoseInterfacesAreAllUndecodedIsRefused()
    {
        var path = Write(new CaptureBuilder(false).Section().Interface(127).Enhanced(0, 1, new byte[40]), "radiotap.pcapng");
        var e = Assert.Throws<UnsupportedLinkTypeException>(() => CaptureFile.Open(path));
        Assert.Contains("LINKTYPE_IEEE802_11_RADIOTAP (127)", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FramesOnAnUndecodedInterfaceBesideADecodedOneAreSkippedAndCounted()
    {
        var frame = SourceFrames("ndpi/dns.pcap")[0].Data;
        var path = Write(new CaptureBuilder(false).Section().Interface(1).Interface(9)
            .Enhanced(0, 1, frame).Enhanced(1, 2, frame).Enhanced(7, 3, frame).Enhanced(0, 4, frame), "mixed.pcapng");
        var (frames, statistics) = CorpusTests.ReadAll(path);
        Assert.Equal(2, frames.Count);
        Assert.Equal(1, statistics[MalformedReason.UnsupportedLinkType]);
        Assert.Equal(1, statistics[MalformedReason.UnknownInterface]);
        Assert.Null(statistics.StoppedBy);
    }

    [Theory]
    [InlineData("not-capture", "not a pcap or pcapng file")]
    [InlineData("short", "not a capture file")]
    [InlineData("pcap-header", "pcap file header cut short")]
    [InlineData("pcap-version", "pcap version 3.4 is not supported")]
    [InlineData("ng-magic", "byte-order magic")]
    public void FilesThatAreNotCapturesAreRefusedClearly(string kind, string message)
    {
        byte[] bytes = kind switch
        {
            "not-capture" => "GET / HTTP/1.1\r\n\r\n"u8.ToArray(),
            "short" => [0xD4, 0xC3],
            "pcap-header" => new CaptureBuilder(false).PcapHeader(false, 1).ToArray()[..20],
            "pcap-version" => Patch(new CaptureBuilder(false).PcapHeader(false, 1).ToArray(), 4, 3),
            _ => Patch(new CaptureBuilder(false).Section().ToArray(), 8, 0x55),
        };
        var path = Path.Combine(_dir, kind);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CaptureFileException>(() => CaptureFile.Open(path));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingAllocatesNothingPerFrame()
    {
        using var reader = CaptureFile.Open(Corpus.PathOf("ndpi/1kxun.pcap"));
        long frames = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryReadNext(out _, out var data))
            frames += data.Length > 0 ? 1 : 0;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1723, frames);
    }

    private static byte[] Patch(byte[] bytes, int offset, byte value)
    {
        bytes[offset] = value;
        return bytes;
    }

    private string Write(CaptureBuilder builder, string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, builder.ToArray());
        return path;
    }

    /// <summary>NetOps reads what tshark reads (lengths, times) and exactly the bytes put in.</summary>
    private static async Task<List<Tshark.Frame>> AssertEqualsTsharkAsync(string path, List<byte[]> data)
    {
        var expected = await Tshark.FramesAsync(path);
        using var reader = CaptureFile.Open(path);
        var frames = new List<Tshark.Frame>();
        while (reader.TryReadNext(out var header, out var bytes))
        {
            Assert.True(data[frames.Count].AsSpan().SequenceEqual(bytes), $"frame {frames.Count + 1}: bytes differ");
            frames.Add(new Tshark.Frame(header.OriginalLength, header.CapturedLength, header.TimestampNanos));
        }
        Assert.Equal(data.Count, frames.Count);
        Assert.Equal(expected, frames);
        Assert.Null(reader.Statistics.StoppedBy);
        return frames;
    }
}
