using System.Buffers.Binary;
using NetOps.Capture.Files;
using NetOps.Testing;
using Xunit.Abstractions;

namespace NetOps.Capture.Tests.Files;

/// <summary>
/// Thousands of damaged files made from corpus files with a fixed seed — bit flips, truncation,
/// corrupted length fields, spliced pieces. Opening either works or is refused with a
/// <see cref="CaptureFileException"/>; reading never throws, never hands out more than the file
/// holds, and allocates no more than its buffer and a few times the file's size.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Mutants = 6000;
    private const int BufferSize = 64 * 1024;
    private static readonly string[] Seeds =
    [
        "ndpi/dns.pcap",                      // pcapng, despite its name
        "ndpi/http.pcapng",
        "ndpi/quic-v2.pcapng",                // Linux cooked
        "ndpi/dhcp-fuzz.pcapng",
        "ndpi/malformed_dns.pcap",
        "ndpi/fuzz-2021-10-13.pcap",          // nanosecond, lengths swapped, truncated
        "zeek/http_basic-auth-with-colon.pcap",
        "zeek/radius_radius_localhost.pcap",
        "tcpdump/RADIUS-RFC4675.pcap",
        "arkime/SNMPv2c_get_requests.pcap",
    ];

    private readonly string _dir = TestDirectories.Create("capture-fuzz");

    public void Dispose() => TestDirectories.Delete(_dir);

    [Fact]
    public void MutatedFilesNeverThrowAndStayBounded()
    {
        var seeds = Seeds.Select(f => File.ReadAllBytes(Corpus.PathOf(f))).Append(BigEndianPcap()).ToList();
        var random = new Random(20250611);
        var path = Path.Combine(_dir, "mutant");
        long opened = 0, refused = 0, frames = 0, stopped = 0, malformed = 0;
        var reasons = new HashSet<MalformedReason>();
        for (var i = 0; i < Mutants; i++)
        {
            var bytes = Mutate(seeds[random.Next(seeds.Count)], random);
            File.WriteAllBytes(path, bytes);
            var before = GC.GetAllocatedBytesForCurrentThread();
            CaptureFileReader reader;
            try
            {
                reader = CaptureFile.Open(path, BufferSize);
            }
            catch (CaptureFileException e)
            {
                Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
                refused++;
                continue;
            }
            using (reader)
            {
                opened++;
                long count = 0, captured = 0;
                while (reader.TryReadNext(out var header, out var data))
                {
                    Assert.Equal(header.CapturedLength, data.Length);
                    Assert.InRange(header.CapturedLength, 0, CaptureFileReader.MaxFrameLength);
                    Assert.True(header.OriginalLength >= header.CapturedLength);
                    count++;
                    captured += data.Length;
                }
                Assert.False(reader.TryReadNext(out _, out _));
                Assert.Equal(count, reader.Statistics.Frames);
                Assert.True(captured + count * 12 <= bytes.Length, $"mutant {i}: {count} frames, {captured} bytes from a {bytes.Length}-byte file");
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < BufferSize + 4L * bytes.Length + 256 * 1024, $"mutant {i}: {allocated} bytes allocated for a {bytes.Length}-byte file");
                frames += count;
                malformed += reader.Statistics.Malformed;
                stopped += reader.Statistics.StoppedBy is null ? 0 : 1;
                foreach (var (reason, _) in reader.Statistics.MalformedByReason())
                    reasons.Add(reason);
            }
        }
        output.WriteLine($"{Mutants} mutants: {opened} opened, {refused} refused, {frames} frames, {stopped} stopped early, {malformed} malformed; reasons: {string.Join(", ", reasons)}");
        // The mutations reach deep: most files open, many stop early, and the checks fire for many reasons.
        Assert.True(opened > Mutants / 2, $"{opened} opened, {refused} refused");
        Assert.True(stopped > Mutants / 10, $"{stopped} stopped early");
        Assert.True(frames > Mutants * 5, $"{frames} frames");
        Assert.True(reasons.Count >= 10, "reasons seen: " + string.Join(", ", reasons));
        Assert.True(malformed > 0);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        switch (random.Next(5))
        {
            case 0: // bit flips
                for (var n = random.Next(1, 9); n > 0; n--)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1: // truncation
                return bytes[..random.Next(bytes.Length)];
            case 2: // a length field of a record or block set to an awkward value
            {
                var offsets = LengthFields(bytes);
                if (offsets.Count == 0)
                    return bytes;
                var at = offsets[random.Next(offsets.Count)];
                uint[] awkward = [0, 1, 3, 11, 13, 0xFFFF_FFFF, 0x7FFF_FFFF, 262144, 262145, 16 * 1024 * 1024 + 4, 0x8000_0000];
                var value = random.Next(3) == 0
                    ? (uint)random.Next()
                    : awkward[random.Next(awkward.Length)];
                var current = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
                if (random.Next(4) == 0)
                    value = current + (uint)random.Next(-8, 9);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
                if (random.Next(2) == 0)
                    BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
                return bytes;
            }
            case 3: // a piece of the file pasted elsewhere
            {
                var from = random.Next(bytes.Length);
                var length = random.Next(1, Math.Min(256, bytes.Length - from) + 1);
                var to = random.Next(bytes.Length);
                var spliced = new List<byte>(bytes[..to]);
                spliced.AddRange(bytes.AsSpan(from, length).ToArray());
                spliced.AddRange(bytes[to..]);
                return [.. spliced];
            }
            default: // random bytes over a header-sized stretch
            {
                var at = random.Next(bytes.Length);
                for (var k = at; k < Math.Min(bytes.Length, at + random.Next(1, 33)); k++)
                    bytes[k] = (byte)random.Next(256);
                return bytes;
            }
        }
    }

    /// <summary>Offsets of the length fields in a little-endian pcap (record captured/original lengths) or pcapng (block lengths).</summary>
    private static List<int> LengthFields(byte[] bytes)
    {
        var offsets = new List<int>();
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (magic == 0x0A0D0D0A)
        {
            for (var at = 0; at + 12 <= bytes.Length;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
                offsets.Add(at + 4);
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == 6 && at + 28 <= bytes.Length)
                    offsets.Add(at + 20);
                if (length < 12 || at + length > bytes.Length)
                    break;
                offsets.Add(at + length - 4);
                at += length;
            }
        }
        else
        {
            for (var at = 24; at + 16 <= bytes.Length;)
            {
                offsets.Add(at + 8);
                offsets.Add(at + 12);
                at += 16 + (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8)), int.MaxValue / 2);
            }
        }
        return offsets;
    }

    private static byte[] BigEndianPcap()
    {
        var builder = new CaptureBuilder(bigEndian: true).PcapHeader(nanoseconds: true, linkType: 1, snaplen: 96);
        using var reader = CaptureFile.Open(Corpus.PathOf("ndpi/dns.pcap"));
        while (reader.TryReadNext(out var header, out var data))
            builder.PcapRecord((uint)(header.TimestampNanos / 1_000_000_000), (uint)(header.TimestampNanos % 1_000_000_000), data, (uint)header.OriginalLength);
        return builder.ToArray();
    }
}
