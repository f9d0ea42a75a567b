using System.Collections.Concurrent;
using System.Globalization;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>One direction of an IP conversation: frames and bytes from <see cref="From"/> to <see cref="To"/>.</summary>
public readonly record struct Direction(int IpVersion, string From, string To);

/// <summary>
/// tshark's conversation tables (<c>tshark -q -z conv,ip -z conv,ipv6</c>, default preferences) of a corpus
/// capture, as frames and byte texts per direction. tshark 4.0 prints bytes as "N bytes" below 10,000 and
/// truncated to kB, MB… above (<see cref="FormatBytes"/>), so bytes are compared in its own words.
/// </summary>
public static class TsharkConversations
{
    private static readonly ConcurrentDictionary<string, Task<Dictionary<Direction, (long Frames, string Bytes)>>> Started = new();
    private static readonly SemaphoreSlim Slots = new(Math.Max(2, Environment.ProcessorCount));

    public static Task<Dictionary<Direction, (long Frames, string Bytes)>> ReadAsync(string file) =>
        Started.GetOrAdd(file, f => Task.Run(() => RunAsync(CaptureCorpus.PathOf(f))));

    /// <summary>Bytes as tshark 4.0's conversation table prints them (format_size, SI prefixes, truncated).</summary>
    public static string FormatBytes(long bytes)
    {
        string[] prefixes = ["k", "M", "G", "T", "P"];
        var unit = -1;
        var value = bytes;
        while (unit + 1 < prefixes.Length && value / 1000 >= 10)
        {
            value /= 1000;
            unit++;
        }
        return unit < 0 ? $"{bytes} bytes" : $"{value} {prefixes[unit]}B";
    }

    private static async Task<Dictionary<Direction, (long Frames, string Bytes)>> RunAsync(string path)
    {
        await Slots.WaitAsync();
        (int ExitCode, string Output, string Errors) result;
        try
        {
            result = await Tshark.RunAsync("-n", "-r", path, "-q", "-z", "conv,ip", "-z", "conv,ipv6");
        }
        finally
        {
            Slots.Release();
        }
        // tshark exits 2 on a capture cut short in a record; the tables of the packets before it were printed.
        Assert.True(result.ExitCode is 0 or 2, result.Errors);
        var table = new Dictionary<Direction, (long Frames, string Bytes)>();
        var version = 0;
        foreach (var line in result.Output.Split('\n'))
        {
            if (line.StartsWith("IPv4 Conversations", StringComparison.Ordinal))
                version = 4;
            else if (line.StartsWith("IPv6 Conversations", StringComparison.Ordinal))
                version = 6;
            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 12 || tokens[1] != "<->")
                continue;
            // A <-> B | frames bytes B→A ("<-") | frames bytes A→B ("->") | total | start | duration
            Add(table, new Direction(version, tokens[2], tokens[0]), tokens[3], tokens[4], tokens[5]);
            Add(table, new Direction(version, tokens[0], tokens[2]), tokens[6], tokens[7], tokens[8]);
        }
        return table;
    }

    private static void Add(Dictionary<Direction, (long Frames, string Bytes)> table, Direction direction, string frames, string value, string unit)
    {
        var count = long.Parse(frames, CultureInfo.InvariantCulture);
        if (count == 0)
            return;
        // tshark lists a self-conversation (A <-> A) once: both columns are the same direction.
        var bytes = $"{value} {unit}";
        table[direction] = table.TryGetValue(direction, out var seen) ? (seen.Frames + count, seen.Bytes + " + " + bytes) : (count, bytes);
    }
}
