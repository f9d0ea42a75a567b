using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>The decode loop over the whole corpus allocates nothing (after a first pass that compiles it).</summary>
public sealed class DecoderAllocationTests
{
    [Fact]
    public void Decoding_the_corpus_allocates_zero_bytes()
    {
        var frames = CaptureCorpus.Files.Where(f => !CaptureCorpus.Refused.Contains(f)).SelectMany(CaptureCorpus.Frames)
            .Concat(SampleFrames.All.Select(s => new CapturedFrame(0, s.LinkType, s.Data, s.WireLength)))
            .Concat(MalformedDecodingTests.Cases.Select(c => new CapturedFrame(0, c.LinkType, c.Data, c.Data.Length)))
            .ToArray();
        Assert.True(frames.Length > 29_000);
        var packet = new DecodedPacket();
        long checksum = 0;
        foreach (var frame in frames)
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var frame in frames)
        {
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            checksum += packet.PayloadLength + packet.InnerIp.Version;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(checksum > 0);
    }
}
