using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>
/// A fixed-seed fuzz run: frames of the corpus and the hand-built samples, mutated (bytes and length
/// fields overwritten, cut short, extended, decoded as another link type, marked snapped), decoded
/// without an exception and without allocating, and every result consistent with its frame.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const int Seed = 20240601;
    private const int Mutants = 120_000;

    private static readonly LinkType[] LinkTypes =
        [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Loop, LinkType.RawIpv4, LinkType.RawIpv6, PacketDecoder.LinkTypePpp, (LinkType)147];

    [Fact]
    public void Mutated_frames_never_throw_never_allocate_and_stay_within_their_bytes()
    {
        var seeds = CaptureCorpus.Files.Where(f => !CaptureCorpus.Refused.Contains(f))
            .SelectMany(CaptureCorpus.Frames)
            .Select(f => (f.LinkType, f.Data))
            .Concat(SampleFrames.All.Select(s => (s.LinkType, s.Data)))
            .Concat(MalformedDecodingTests.Cases.Select(c => (c.LinkType, c.Data)))
            .ToArray();
        var random = new Random(Seed);
        var buffer = new byte[70_000];
        var reasons = new int[Enum.GetValues<MalformedReason>().Length];
        var packet = new DecodedPacket();
        long allocated = 0;
        for (var i = 0; i < Mutants; i++)
        {
            var (linkType, original) = seeds[random.Next(seeds.Length)];
            var length = Mutate(random, original, buffer, ref linkType);
            var frame = buffer.AsSpan(0, length);
            var wireLength = random.Next(4) == 0 ? length + random.Next(1, 2000) : length;

            var before = GC.GetAllocatedBytesForCurrentThread();
            PacketDecoder.Decode(linkType, frame, wireLength, ref packet);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;

            reasons[(int)packet.Malformed]++;
            CheckConsistent(packet, length, i);
        }
        Assert.Equal(0, allocated);
        // The mutants reach deep: most reasons are met (a run that stops early, e.g. at the link layer, meets few).
        var met = reasons.Skip(1).Count(n => n > 0);
        Assert.True(met >= 30, $"only {met} malformed reasons met: {string.Join(", ", reasons.Select((n, r) => $"{(MalformedReason)r}={n}"))}");
        Assert.InRange(reasons[0], Mutants / 10, Mutants - Mutants / 10);
    }

    /// <summary>Copies <paramref name="original"/> into <paramref name="buffer"/> with one to three mutations; returns the new length.</summary>
    internal static int Mutate(Random random, byte[] original, byte[] buffer, ref LinkType linkType)
    {
        var length = Math.Min(original.Length, buffer.Length - 4096);
        original.AsSpan(0, length).CopyTo(buffer);
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            switch (random.Next(7))
            {
                case 0: // random bytes
                    for (var k = random.Next(1, 9); k > 0 && length > 0; k--)
                        buffer[random.Next(length)] = (byte)random.Next(256);
                    break;
                case 1: // a 16-bit field (a length, a type, a port) set to an edge value
                    if (length >= 2)
                    {
                        var at = random.Next(length - 1);
                        var value = random.Next(5) switch { 0 => 0, 1 => 0xFFFF, 2 => random.Next(1, 64), 3 => length - at + random.Next(-8, 9), _ => random.Next(65536) };
                        buffer[at] = (byte)(value >> 8);
                        buffer[at + 1] = (byte)value;
                    }
                    break;
                case 2: // a first nibble (IP version, IHL, data offset) rewritten
                    if (length > 0)
                    {
                        var at = random.Next(Math.Min(length, 80));
                        buffer[at] = (byte)((random.Next(16) << 4) | (buffer[at] & 0xF));
                    }
                    break;
                case 3: // cut short
                    length = random.Next(length + 1);
                    break;
                case 4: // extended with random bytes
                    var extra = random.Next(1, 200);
                    random.NextBytes(buffer.AsSpan(length, extra));
                    length += extra;
                    break;
                case 5: // decoded as another link type
                    linkType = LinkTypes[random.Next(LinkTypes.Length)];
                    break;
                default: // a header-sized window shifted: bytes of one layer where another is expected
                    if (length > 8)
                    {
                        var shift = random.Next(1, Math.Min(40, length));
                        buffer.AsSpan(shift, length - shift).CopyTo(buffer);
                        length -= shift;
                    }
                    break;
            }
        }
        return length;
    }

    private static void CheckConsistent(in DecodedPacket p, int length, int mutant)
    {
        var where = $"mutant {mutant}";
        Assert.True(p.IsMalformed == (p.MalformedLayer != PacketLayer.None), where);
        Assert.InRange(p.TunnelDepth, 0, PacketDecoder.MaxTunnelDepth);
        Assert.InRange(p.IpLayerCount, 0, PacketDecoder.MaxTunnelDepth + 1);
        Assert.True(p.IsIp == (p.InnerIp.Version != 0) && p.IsIp == (p.OuterIp.Version != 0), where);
        Assert.Contains(p.IpVersion, new byte[] { 0, 4, 6 });
        Assert.InRange(p.VlanCount, 0, PacketDecoder.MaxVlanTags);
        Assert.InRange(p.MplsLabelCount, 0, PacketDecoder.MaxMplsLabels);
        Assert.Equal(length, p.CapturedLength);
        if (p.PayloadLength > 0)
        {
            Assert.True(p.PayloadOffset >= 0 && p.PayloadOffset + p.PayloadLength <= length, where);
        }
        Assert.True(p.PayloadLength >= 0, where);
        if (p.IsIp)
            Assert.InRange(p.InnerIp.Offset, 0, length);
        if (p.Transport.Protocol != 0)
        {
            Assert.True(p.IsIp, where);
            Assert.True(p.Transport.Offset >= p.InnerIp.PayloadOffset, where);
            if (!p.IsSnapped)
                Assert.True(p.Transport.Offset + p.Transport.HeaderLength <= length, where);
        }
    }
}
