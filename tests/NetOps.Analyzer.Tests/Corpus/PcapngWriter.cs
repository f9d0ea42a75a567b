using System.Buffers.Binary;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>
/// Writes frames of any link types into one little-endian pcapng file (one interface per link type),
/// so that tshark dissects hand-built frames in a single run.
/// </summary>
public static class PcapngWriter
{
    public static void Write(string path, IEnumerable<(LinkType LinkType, byte[] Data, int WireLength)> frames)
    {
        using var file = File.Create(path);
        var interfaces = new Dictionary<LinkType, int>();
        Block(file, 0x0A0D0D0A, [.. U32(0x1A2B3C4D), 1, 0, 0, 0, .. Enumerable.Repeat((byte)0xFF, 8)]);
        var time = 1_700_000_000_000_000UL; // microseconds
        foreach (var (linkType, data, wireLength) in frames)
        {
            if (!interfaces.TryGetValue(linkType, out var id))
            {
                interfaces[linkType] = id = interfaces.Count;
                Block(file, 1, [.. U16((ushort)linkType), 0, 0, .. U32(0)]);
            }
            time += 1000;
            var padding = new byte[(4 - data.Length % 4) % 4];
            Block(file, 6, [.. U32((uint)id), .. U32((uint)(time >> 32)), .. U32((uint)time), .. U32((uint)data.Length),
                .. U32((uint)wireLength), .. data, .. padding]);
        }
    }

    private static void Block(Stream stream, uint type, byte[] body)
    {
        var length = (uint)(12 + body.Length);
        stream.Write(U32(type));
        stream.Write(U32(length));
        stream.Write(body);
        stream.Write(U32(length));
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }
}
