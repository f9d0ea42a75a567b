using System.Globalization;
using NetOps.Testing;

namespace NetOps.Capture.Tests;

/// <summary>What tshark (Wireshark's reader, an independent implementation) sees in a capture file.</summary>
internal static class Tshark
{
    public readonly record struct Frame(int Length, int CapturedLength, long TimestampNanos);

    /// <summary>Every frame tshark reads from <paramref name="path"/>, with its wire and captured length and time.</summary>
    public static async Task<List<Frame>> FramesAsync(string path)
    {
        // Dissecting nothing keeps it fast; frame.* fields are still filled.
        var (_, output, _) = await ExternalTool.RunAsync("tshark", "--disable-protocol", "ALL", "-r", path,
            "-T", "fields", "-E", "separator=\t", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch");
        var frames = new List<Frame>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            frames.Add(new Frame(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), ParseEpoch(f[2])));
        }
        return frames;
    }

    /// <summary>
    /// tshark prints seconds, a dot and the nanoseconds; a fraction of more than nine digits is an
    /// un-normalised nanosecond field (a fuzzed pcap's), printed as is. Nothing at all: the frame
    /// has no time (a pcapng simple packet block), which NetOps, like libpcap, reports as 0.
    /// </summary>
    public static long ParseEpoch(string text)
    {
        if (text.Length == 0)
            return 0;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var seconds = long.Parse(dot < 0 ? text : text[..dot], CultureInfo.InvariantCulture);
        var fraction = dot < 0 ? "0" : text[(dot + 1)..];
        var nanos = fraction.Length <= 9
            ? long.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture)
            : long.Parse(fraction, CultureInfo.InvariantCulture);
        return seconds * 1_000_000_000 + nanos;
    }
}
