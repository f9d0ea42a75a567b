using NetOps.Capture.Files;
using NetOps.Capture.Live;
using NetOps.Testing;
using Xunit.Abstractions;

namespace NetOps.Capture.Tests.Live;

/// <summary>
/// libpcap live capture in a network namespace the test creates: corpus captures replayed with
/// tcpreplay into one end of a veth pair, captured on the other with a handle opened on a thread
/// that joined the namespace and read on another.
/// </summary>
public sealed class LiveCaptureTests(ITestOutputHelper output)
{
    [NeedsRootFact]
    public async Task ReplayedPcapIsCountedExactlyAndEveryFrameEqualsTheFile() =>
        await ReplayAndCompare("ndpi/1kxun.pcap"); // 1,723 frames up to 37,506 bytes, dual-stack LAN

    [NeedsRootFact]
    public async Task ReplayedPcapngIsCountedExactlyAndEveryFrameEqualsTheFile() =>
        await ReplayAndCompare("ndpi/alexa-app.pcapng");

    private async Task ReplayAndCompare(string file)
    {
        var path = Corpus.PathOf(file);
        var expected = FileFrames(path);
        using var space = await TestNetworkNamespace.CreateAsync();
        var openedOn = Environment.CurrentManagedThreadId;
        using var capture = LiveCapture.Open(new LiveCaptureOptions { Interface = space.CaptureInterface, NetworkNamespace = space.Name });
        Assert.Equal(LinkType.Ethernet, capture.LinkType);
        Assert.True(capture.NanosecondTimestamps);
        Assert.Null(capture.Warning);
        var recorder = new FrameRecorder(capture);
        recorder.Start();

        var started = DateTimeOffset.UtcNow;
        var report = await space.ReplayAsync(path);
        var kernel = await recorder.CompleteAsync(report.Sent);

        output.WriteLine($"{file}: tcpreplay sent {report.Sent}, captured {recorder.Count}, kernel {kernel}");
        Assert.NotEqual(openedOn, recorder.ReaderThreadId);
        Assert.Equal(0, report.Failed);
        Assert.Equal(expected.Count, report.Sent);
        Assert.Equal(report.Sent, recorder.Count + kernel.Dropped);
        Assert.Equal(report.Sent, kernel.Received);
        Assert.True(kernel.Dropped == 0, $"{kernel.Dropped} of {report.Sent} frames dropped with a 64 MiB buffer: cannot compare frame by frame");
        var frames = recorder.Frames;
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(expected[i].AsSpan().SequenceEqual(frames[i].Data), $"frame {i + 1} differs from the file's");
            Assert.Equal(frames[i].Data.Length, frames[i].Header.OriginalLength);
            Assert.InRange(frames[i].Header.TimestampNanos, started.ToUnixTimeMilliseconds() * 1_000_000 - 1_000_000_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
        }
        Assert.Equal(expected.Sum(f => (long)f.Length), capture.Statistics.Bytes);
        Assert.Equal(frames.Count, capture.Statistics.Frames);
    }

    [NeedsRootFact]
    public async Task FramesTheRingCannotHoldAreReportedAsDrops()
    {
        const int loops = 12;
        var path = Corpus.PathOf("ndpi/1kxun.pcap");
        var expected = FileFrames(path);
        using var space = await TestNetworkNamespace.CreateAsync();
        // 1 MiB of ring against 12 x 2.5 MB replayed before the first read: most frames cannot fit.
        using var capture = LiveCapture.Open(new LiveCaptureOptions { Interface = space.CaptureInterface, NetworkNamespace = space.Name, BufferSize = 1024 * 1024 });
        var report = await space.ReplayAsync(path, loops);
        var recorder = new FrameRecorder(capture);
        recorder.Start();
        var kernel = await recorder.CompleteAsync(report.Sent);

        output.WriteLine($"tcpreplay sent {report.Sent}, captured {recorder.Count}, kernel {kernel}");
        Assert.Equal(0, report.Failed);
        Assert.Equal(expected.Count * loops, report.Sent);
        Assert.True(kernel.Dropped > 0, "nothing dropped: the test did not overflow the ring");
        Assert.True(recorder.Count > 0);
        Assert.Equal(report.Sent, recorder.Count + kernel.Dropped);
        Assert.Equal(report.Sent, kernel.Received);
        // What was kept is the replay with gaps: each frame the next matching one of the file, looping.
        var next = 0;
        foreach (var (_, data) in recorder.Frames)
        {
            var start = next;
            while (!expected[next % expected.Count].AsSpan().SequenceEqual(data))
            {
                next++;
                Assert.True(next - start <= expected.Count * loops, "a captured frame is not in the replay");
            }
            next++;
        }
    }

    [NeedsRootFact]
    public async Task BpfFilterKeepsOnlyMatchingFrames()
    {
        var path = Corpus.PathOf("ndpi/1kxun.pcap");
        var all = FileFrames(path);
        // BPF's "udp": IPv4 protocol 17, or IPv6 next header 17 in the fixed header; no VLAN tags in this file.
        var expected = all.Where(f => (f[12], f[13], f[23]) == (0x08, 0x00, 17) || (f[12], f[13], f[20]) == (0x86, 0xdd, 17)).ToList();
        Assert.InRange(expected.Count, 1, all.Count - 1);
        using var space = await TestNetworkNamespace.CreateAsync();
        using var capture = LiveCapture.Open(new LiveCaptureOptions { Interface = space.CaptureInterface, NetworkNamespace = space.Name, Filter = "udp" });
        var recorder = new FrameRecorder(capture);
        recorder.Start();
        var report = await space.ReplayAsync(path);
        var kernel = await recorder.CompleteAsync(expected.Count);

        Assert.Equal(all.Count, report.Sent);
        Assert.Equal(0, kernel.Dropped);
        Assert.Equal(expected.Count, kernel.Received);
        Assert.Equal(expected.Count, recorder.Count);
        Assert.All(recorder.Frames.Zip(expected), p => Assert.True(p.First.Data.AsSpan().SequenceEqual(p.Second)));
    }

    [NeedsRootFact]
    public async Task ABadFilterIsRefusedWithLibpcapsWords()
    {
        using var space = await TestNetworkNamespace.CreateAsync();
        var e = Assert.Throws<LiveCaptureException>(() =>
            LiveCapture.Open(new LiveCaptureOptions { Interface = space.CaptureInterface, NetworkNamespace = space.Name, Filter = "udp portt 53" }));
        output.WriteLine(e.Message);
        Assert.Contains("bad capture filter \"udp portt 53\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("syntax error", e.Message, StringComparison.Ordinal);
    }

    [NeedsRootFact]
    public async Task ANonexistentDeviceIsRefusedNamingTheOnesThereAre()
    {
        using var space = await TestNetworkNamespace.CreateAsync();
        var e = Assert.Throws<LiveCaptureException>(() =>
            LiveCapture.Open(new LiveCaptureOptions { Interface = "nosuch0", NetworkNamespace = space.Name }));
        output.WriteLine(e.Message);
        Assert.StartsWith($"no such device 'nosuch0' in network namespace '{space.Name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(space.CaptureInterface, e.Message, StringComparison.Ordinal);
        Assert.Equal(-5, e.Status); // PCAP_ERROR_NO_SUCH_DEVICE
    }

    [NeedsRootFact]
    public async Task AnUndecodedLinkTypeIsRefusedByName()
    {
        using var space = await TestNetworkNamespace.CreateAsync();
        // libpcap's netfilter log pseudo-device: LINKTYPE_NFLOG. Opening it only listens.
        var e = Assert.Throws<LiveCaptureException>(() => LiveCapture.Open(new LiveCaptureOptions { Interface = "nflog", NetworkNamespace = space.Name }));
        output.WriteLine(e.Message);
        Assert.Contains("'nflog' in network namespace", e.Message, StringComparison.Ordinal);
        Assert.Contains("LINKTYPE_NFLOG (239), which NetOps does not decode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiltersAreCheckedWithoutAnInterface()
    {
        Assert.Null(LiveCapture.CheckFilter("udp port 53 or (tcp and ip6)"));
        Assert.Equal("can't parse filter expression: syntax error", LiveCapture.CheckFilter("udp portt 53"));
        Assert.Equal("illegal port number 99999 > 65535", LiveCapture.CheckFilter("tcp port 99999"));
    }

    [Fact]
    public void AMissingNamespaceIsRefusedClearly()
    {
        var e = Assert.Throws<LiveCaptureException>(() => LiveCapture.Open(new LiveCaptureOptions { Interface = "eth0", NetworkNamespace = "netops-test-none" }));
        output.WriteLine(e.Message);
        Assert.Contains("network namespace 'netops-test-none' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeOptionsAreRefusedBeforeLibpcapIsAsked()
    {
        var e = Assert.Throws<LiveCaptureException>(() => LiveCapture.Open(new LiveCaptureOptions { Interface = "eth0", Snaplen = 300_000 }));
        Assert.Contains("snaplen 300000 is out of range", e.Message, StringComparison.Ordinal);
    }

    [NeedsRootFact]
    public async Task DevicesInTheNamespaceAreListed()
    {
        using var space = await TestNetworkNamespace.CreateAsync();
        var devices = LiveCapture.Devices(space.Name);
        var capture = Assert.Single(devices, d => d.Name == space.CaptureInterface);
        Assert.True(capture.IsUp);
        Assert.Empty(capture.Addresses);
        Assert.Contains(devices, d => d.Name == space.ReplayInterface);
        Assert.DoesNotContain(devices, d => d.Name == "eth0");
    }

    [NeedsRootFact]
    public async Task StopWakesAnIdleReaderAndDisposeKeepsTheLastStatistics()
    {
        using var space = await TestNetworkNamespace.CreateAsync();
        var capture = LiveCapture.Open(new LiveCaptureOptions { Interface = space.CaptureInterface, NetworkNamespace = space.Name, Timeout = TimeSpan.FromSeconds(30) });
        var reader = Task.Factory.StartNew(() => capture.TryReadNext(out _, out _), TaskCreationOptions.LongRunning);
        await Task.Delay(200);
        Assert.False(reader.IsCompleted);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        capture.Stop();
        Assert.False(await reader.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(2), $"Stop took {stopping.Elapsed} to wake the reader");
        Assert.Equal(LiveRead.Stopped, capture.Read(out _, out _));
        capture.Dispose();
        Assert.Equal(new KernelStatistics(0, 0, 0), capture.ReadKernelStatistics());
        capture.Stop(); // harmless after dispose
    }

    private static List<byte[]> FileFrames(string path)
    {
        using var reader = CaptureFile.Open(path);
        var frames = new List<byte[]>();
        while (reader.TryReadNext(out _, out var data))
            frames.Add(data.ToArray());
        return frames;
    }
}
