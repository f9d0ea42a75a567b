using NetOps.Analyzer.Flows;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Flows;

/// <summary>Tracking packets allocates nothing once the table exists, evictions and timeouts included.</summary>
public sealed class FlowTableAllocationTests
{
    [Fact]
    public void Tracking_the_corpus_through_a_small_table_allocates_zero_bytes()
    {
        var frames = CaptureCorpus.Files.Where(f => !CaptureCorpus.Refused.Contains(f)).SelectMany(CaptureCorpus.Frames).ToArray();
        var packets = new DecodedPacket[frames.Length];
        for (var i = 0; i < frames.Length; i++)
            PacketDecoder.Decode(frames[i].LinkType, frames[i].Data, frames[i].OriginalLength, ref packets[i]);
        var table = new FlowTable(new FlowTableOptions { MaxFlows = 256, IdleTimeout = TimeSpan.FromSeconds(1) }, new FlowRecorderWithoutStorage());
        long time = 0;
        foreach (var packet in packets)
            table.Track(packet, time += 1_000_000, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var packet in packets)
            table.Track(packet, time += 1_000_000, out _, out _);
        table.EndAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(table.EvictedTotal > 1000, $"{table.EvictedTotal} evictions");
        Assert.True(table.Ended(NetOps.Analyzer.Inspection.FlowEndReason.IdleTimeout) > 0);
    }

    private sealed class FlowRecorderWithoutStorage : IFlowEndObserver
    {
        public long Bytes { get; private set; }

        public void OnFlowEnd(int index, ref FlowRecord flow, NetOps.Analyzer.Inspection.FlowEndReason reason) => Bytes += flow.Bytes;
    }
}
