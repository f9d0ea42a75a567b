using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>
/// tshark's values of a few application fields for the packets of one capture that match a display
/// filter, keyed by frame number. IP reassembly is off, as NetOps's inspectors see single packets; TCP
/// reassembly is the caller's choice. Multiple occurrences are split on 0x1F so values may contain commas.
/// </summary>
public static class TsharkFields
{
    private const char Aggregator = '\u001f';

    public static Task<Dictionary<int, TsharkPacket>> ReadAsync(string path, string filter, params string[] fields) => ReadAsync(path, filter, false, fields);

    /// <summary>With <paramref name="reassembleTcp"/>, a message spanning segments shows at the frame that completes it.</summary>
    public static async Task<Dictionary<int, TsharkPacket>> ReadAsync(string path, string filter, bool reassembleTcp, params string[] fields)
    {
        var arguments = new List<string>
        {
            "-n", "-r", path, "-Y", filter, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", $"aggregator={Aggregator}",
            "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", $"tcp.desegment_tcp_streams:{(reassembleTcp ? "TRUE" : "FALSE")}",
            "-o", "tcp.analyze_sequence_numbers:FALSE", "-e", "frame.number", "-e", "frame.protocols",
        };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }
        var (exitCode, output, errors) = await Tshark.RunAsync([.. arguments]);
        // tshark exits 2 on a capture cut short in a record; the packets before it were printed.
        if (exitCode is not (0 or 2))
            throw new InvalidOperationException($"tshark failed on {path} ({exitCode}): {errors}");
        var packets = new Dictionary<int, TsharkPacket>();
        string[] names = ["frame.number", "frame.protocols", .. fields];
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = line.Split('\t');
            var values = new Dictionary<string, string[]>(names.Length);
            for (var i = 0; i < names.Length && i < columns.Length; i++)
            {
                if (columns[i].Length > 0)
                    values[names[i]] = names[i] == "frame.protocols" ? [columns[i]] : columns[i].Split(Aggregator);
            }
            packets[int.Parse(columns[0], System.Globalization.CultureInfo.InvariantCulture)] = new TsharkPacket(values);
        }
        return packets;
    }
}
