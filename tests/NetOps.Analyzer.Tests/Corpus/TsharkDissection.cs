using System.Collections.Concurrent;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>One packet as tshark dissects it: every requested field with all its occurrences, outer first.</summary>
public sealed class TsharkPacket(IReadOnlyDictionary<string, string[]> fields)
{
    public string[] Values(string field) => fields.TryGetValue(field, out var values) ? values : [];

    /// <summary>The field's first occurrence, or null.</summary>
    public string? First(string field) => Values(field) is [var first, ..] ? first : null;

    public string[] Protocols => Values("frame.protocols") is [var protocols] ? protocols.Split(':') : [];
}

/// <summary>
/// Wireshark's tshark over the corpus captures, once per file: the fields of every packet. IP and
/// IPv6 reassembly and TCP stream reassembly are turned off so that each frame is dissected on its
/// own, as NetOps decodes it (a first fragment shows its transport header, later ones none). tshark
/// takes about half a second to start, so the first request starts every file of the corpus, as
/// many at a time as there are cores, and each test waits only for its own file.
/// </summary>
public static class TsharkDissection
{
    public static readonly string[] Fields =
    [
        "frame.number", "frame.len", "frame.protocols",
        "eth.src", "eth.dst", "vlan.id", "ieee8021ad.id", "mpls.label", "pppoe.session_id", "sll.hatype", "sll.src.eth",
        "ip.src", "ip.dst", "ip.proto", "ip.len", "ip.hdr_len", "ip.ttl", "ip.id", "ip.flags.mf", "ip.frag_offset",
        "ipv6.src", "ipv6.dst", "ipv6.plen", "ipv6.hlim",
        "ipv6.fraghdr.offset", "ipv6.fraghdr.more", "ipv6.fraghdr.ident",
        "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.hdr_len", "tcp.len", "tcp.seq_raw",
        "udp.srcport", "udp.dstport", "udp.length",
        "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code",
        "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address", "icmpv6.nd.rd.target_address", "icmpv6.opt.linkaddr",
        "_ws.malformed", "_ws.expert.severity",
    ];

    private static readonly ConcurrentDictionary<string, Task<List<TsharkPacket>>> Started = new();
    private static readonly SemaphoreSlim Slots = new(Math.Max(2, Environment.ProcessorCount));
    private static int _startedAll;

    /// <summary>tshark's packets of corpus file <paramref name="file"/> (a path relative to <see cref="CaptureCorpus.Folder"/>).</summary>
    public static Task<List<TsharkPacket>> DissectAsync(string file)
    {
        if (Interlocked.Exchange(ref _startedAll, 1) == 0)
        {
            foreach (var other in CaptureCorpus.Files)
                Start(other);
        }
        return Start(file);
    }

    private static Task<List<TsharkPacket>> Start(string file) => Started.GetOrAdd(file, f => Task.Run(() => DissectPathAsync(CaptureCorpus.PathOf(f))));

    /// <summary>tshark's packets of any capture file.</summary>
    public static async Task<List<TsharkPacket>> DissectPathAsync(string path)
    {
        var arguments = new List<string>
        {
            "-n", "-r", path, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
            "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "tcp.desegment_tcp_streams:FALSE",
            "-o", "tcp.analyze_sequence_numbers:FALSE",
        };
        foreach (var field in Fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }
        await Slots.WaitAsync();
        (int ExitCode, string Output, string Errors) result;
        try
        {
            result = await Tshark.RunAsync([.. arguments]);
        }
        finally
        {
            Slots.Release();
        }
        // tshark exits 2 on a capture cut short in a record; the packets before it were printed.
        if (result.ExitCode is not (0 or 2))
            throw new InvalidOperationException($"tshark failed on {path} ({result.ExitCode}): {result.Errors}");
        var packets = new List<TsharkPacket>();
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = line.Split('\t');
            var fields = new Dictionary<string, string[]>(Fields.Length);
            for (var i = 0; i < Fields.Length && i < columns.Length; i++)
            {
                if (columns[i].Length > 0)
                    fields[Fields[i]] = Fields[i] == "frame.protocols" ? [columns[i]] : columns[i].Split(',');
            }
            packets.Add(new TsharkPacket(fields));
        }
        return packets;
    }
}
