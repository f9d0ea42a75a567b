using System.IO.Compression;
using NetOps.Store.LineProtocol;

namespace NetOps.Store.Writing;

/// <summary>Compression and line splitting of batch bodies.</summary>
internal static class Payload
{
    public static byte[] Gzip(ReadOnlySpan<byte> lines)
    {
        using var output = new MemoryStream(lines.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(lines);
        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 4);
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>
    /// Splits line protocol at the first point boundary past its middle (string fields may hold
    /// newlines, so boundaries come from the line-protocol reader); null when it holds one point.
    /// </summary>
    public static (byte[] First, int FirstLines, byte[] Second, int SecondLines)? SplitInHalf(byte[] lines)
    {
        var reader = new LineProtocolReader(lines, isFinalBlock: true);
        var firstLines = 0;
        var total = 0;
        var cut = -1;
        LineReadStatus status;
        while ((status = reader.Read()) != LineReadStatus.End)
        {
            if (status == LineReadStatus.Skipped)
                continue;
            total++;
            if (cut < 0 && reader.Consumed >= lines.Length / 2)
            {
                cut = reader.Consumed;
                firstLines = total;
            }
        }
        if (total < 2)
            return null;
        if (cut >= lines.Length)
        {
            // The middle fell in the last point: cut before it instead.
            return SplitAtPoint(lines, total - 1, total);
        }
        return (lines.AsSpan(0, cut).ToArray(), firstLines, lines.AsSpan(cut).ToArray(), total - firstLines);
    }

    public static int CountPoints(ReadOnlySpan<byte> lines)
    {
        var reader = new LineProtocolReader(lines, isFinalBlock: true);
        var count = 0;
        LineReadStatus status;
        while ((status = reader.Read()) != LineReadStatus.End)
        {
            if (status != LineReadStatus.Skipped)
                count++;
        }
        return count;
    }

    private static (byte[] First, int FirstLines, byte[] Second, int SecondLines) SplitAtPoint(byte[] lines, int firstCount, int total)
    {
        var reader = new LineProtocolReader(lines, isFinalBlock: true);
        var seen = 0;
        LineReadStatus status;
        while ((status = reader.Read()) != LineReadStatus.End)
        {
            if (status == LineReadStatus.Skipped)
                continue;
            if (++seen == firstCount)
                break;
        }
        var cut = reader.Consumed;
        return (lines.AsSpan(0, cut).ToArray(), firstCount, lines.AsSpan(cut).ToArray(), total - firstCount);
    }
}
