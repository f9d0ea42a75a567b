using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Store.Spool;
using NetOps.Testing;

namespace NetOps.Store.Tests;

public sealed class DiskSpoolTests : IDisposable
{
    private readonly string _dir = TestDirectories.Create("spool");

    public void Dispose() => TestDirectories.Delete(_dir);

    private DiskSpool Open(long capacity = 1 << 20, long segmentBytes = 1 << 20)
    {
        var spool = new DiskSpool(_dir, capacity, NullLogger.Instance, segmentBytes);
        spool.Open();
        return spool;
    }

    private static byte[] Batch(int n) => Encoding.UTF8.GetBytes($"m v={n}i {n}\n");

    private static int Number(SpoolEntry entry) => int.Parse(Encoding.UTF8.GetString(entry.Payload).Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void BatchesComeOutInOrderWithTheirRetentionPolicy()
    {
        using var spool = Open();
        for (var i = 0; i < 10; i++)
            Assert.True(spool.TryAppend(i % 2 == 0 ? "raw" : "events", 1, false, Batch(i)));
        Assert.Equal(10, spool.PendingBatches);
        for (var i = 0; i < 10; i++)
        {
            var entry = spool.TryPeek()!;
            Assert.Equal(i, Number(entry));
            Assert.Equal(i % 2 == 0 ? "raw" : "events", entry.RetentionPolicy);
            spool.Acknowledge(entry);
        }
        Assert.Null(spool.TryPeek());
        Assert.Equal(0, spool.PendingBytes);
    }

    [Fact]
    public void AReopenedSpoolKeepsWhatWasNotAcknowledged()
    {
        using (var spool = Open())
        {
            for (var i = 0; i < 5; i++)
                spool.TryAppend("", 1, false, Batch(i));
            spool.Acknowledge(spool.TryPeek()!);
            spool.Acknowledge(spool.TryPeek()!);
        }
        using var reopened = new DiskSpool(_dir, 1 << 20, NullLogger.Instance);
        var recovery = reopened.Open();
        Assert.Equal(3, recovery.Batches);
        Assert.Equal(3, recovery.Lines);
        Assert.Equal(2, Number(reopened.TryPeek()!));
    }

    [Fact]
    public void SegmentsRollOverAndAcknowledgedOnesAreDeleted()
    {
        using var spool = Open(segmentBytes: 200);
        for (var i = 0; i < 20; i++)
            spool.TryAppend("", 1, false, Batch(i));
        var segments = Path.Combine(_dir, "segments");
        var before = Directory.GetFiles(segments).Length;
        Assert.True(before > 3);
        for (var i = 0; i < 15; i++)
            spool.Acknowledge(spool.TryPeek()!);
        Assert.True(Directory.GetFiles(segments).Length < before);
        Assert.Equal(15, Number(spool.TryPeek()!));
    }

    [Fact]
    public void ATornLastRecordIsCutAndTheRestSurvives()
    {
        using (var spool = Open())
        {
            for (var i = 0; i < 3; i++)
                spool.TryAppend("", 1, false, Batch(i));
        }
        var segment = Directory.GetFiles(Path.Combine(_dir, "segments")).Single();
        using (var file = new FileStream(segment, FileMode.Open))
            file.SetLength(file.Length - 3); // the crash came mid-write
        using var reopened = new DiskSpool(_dir, 1 << 20, NullLogger.Instance);
        var recovery = reopened.Open();
        Assert.Equal(2, recovery.Batches);
        Assert.True(recovery.TornBytesTruncated > 0);
        Assert.Equal(0, Number(reopened.TryPeek()!));
        // New appends go after the cut, and everything reads back.
        reopened.TryAppend("", 1, false, Batch(9));
        var seen = new List<int>();
        while (reopened.TryPeek() is { } entry)
        {
            seen.Add(Number(entry));
            reopened.Acknowledge(entry);
        }
        Assert.Equal([0, 1, 9], seen);
    }

    [Fact]
    public void GarbageAfterTheLastRecordIsCut()
    {
        using (var spool = Open())
            spool.TryAppend("", 1, false, Batch(1));
        var segment = Directory.GetFiles(Path.Combine(_dir, "segments")).Single();
        File.AppendAllText(segment, "garbage that is not a record");
        using var reopened = new DiskSpool(_dir, 1 << 20, NullLogger.Instance);
        var recovery = reopened.Open();
        Assert.Equal(1, recovery.Batches);
        Assert.Equal(28, recovery.TornBytesTruncated);
    }

    [Fact]
    public void ACorruptRecordInAnOlderSegmentIsQuarantinedNotSent()
    {
        using (var spool = Open(segmentBytes: 40))
        {
            for (var i = 0; i < 6; i++)
                spool.TryAppend("", 1, false, Batch(i));
        }
        var segments = Directory.GetFiles(Path.Combine(_dir, "segments")).Order().ToArray();
        Assert.True(segments.Length >= 3);
        var bytes = File.ReadAllBytes(segments[1]);
        bytes[^2] ^= 0xFF; // a flipped bit in the payload of segment 2's record
        File.WriteAllBytes(segments[1], bytes);

        using var reopened = new DiskSpool(_dir, 1 << 20, NullLogger.Instance);
        var recovery = reopened.Open();
        Assert.True(recovery.CorruptBytesQuarantined > 0);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "quarantine")));
        var seen = new List<int>();
        while (reopened.TryPeek() is { } entry)
        {
            seen.Add(Number(entry));
            reopened.Acknowledge(entry);
        }
        Assert.DoesNotContain(1, seen);
        Assert.Contains(0, seen);
        Assert.Contains(5, seen);
    }

    [Fact]
    public void ADamagedCursorReplaysFromTheOldestBatch()
    {
        using (var spool = Open())
        {
            for (var i = 0; i < 4; i++)
                spool.TryAppend("", 1, false, Batch(i));
            spool.Acknowledge(spool.TryPeek()!);
            spool.Acknowledge(spool.TryPeek()!);
        }
        File.WriteAllText(Path.Combine(_dir, "cursor"), "broken");
        using var reopened = new DiskSpool(_dir, 1 << 20, NullLogger.Instance);
        Assert.Equal(4, reopened.Open().Batches);
        Assert.Equal(0, Number(reopened.TryPeek()!));
    }

    [Fact]
    public async Task AFullSpoolRefusesAndMakesRoomWhenAcknowledged()
    {
        using var spool = Open(capacity: 200);
        var appended = 0;
        while (spool.TryAppend("", 1, false, Batch(appended)))
            appended++;
        Assert.True(appended > 0);
        Assert.True(spool.PendingBytes <= 200);
        var waiting = spool.WaitForSpaceAsync(Batch(99).Length, "", CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        spool.Acknowledge(spool.TryPeek()!);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(spool.TryAppend("", 1, false, Batch(99)));
        Assert.False(spool.CanEverFit(1000, ""));
    }

    [Fact]
    public async Task PeekWaitsForData()
    {
        using var spool = Open();
        var peek = spool.PeekAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(peek.IsCompleted);
        spool.TryAppend("raw", 1, false, Batch(7));
        var entry = await peek.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(7, Number(entry));
    }
}
