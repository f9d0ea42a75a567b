using System.Globalization;
using System.Text.Json;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary><c>netops analyze</c> as a user runs it: its JSON against tshark on real captures, and files it cannot read.</summary>
public sealed class AnalyzeTests : IDisposable
{
    private static readonly string Pcaps = Path.Combine(TestDirectories.SharedTestData(), "pcap");
    private readonly string _work = TestDirectories.Create("analyze");

    public void Dispose() => TestDirectories.Delete(_work);

    [Theory]
    [InlineData("ndpi/1kxun.pcap")]          // dual-stack LAN, DNS over IPv4 and IPv6
    [InlineData("ndpi/alexa-app.pcapng")]    // pcapng
    [InlineData("ndpi/android.pcap")]
    [InlineData("ndpi/dns_exfiltration.pcap")]
    public async Task TotalsByIpVersionAndDnsQueriesEqualTsharks(string file)
    {
        var path = Path.Combine(Pcaps, file);
        var report = await AnalyzeAsync(path);
        var expected = await TsharkTotalsAsync(path);

        Assert.Equal(expected.Packets, report.GetProperty("packets").GetInt64());
        Assert.Equal(expected.Bytes, report.GetProperty("bytes").GetInt64());
        Assert.Equal((expected.V4Packets, expected.V4Bytes), Counts(report.GetProperty("ipv4")));
        Assert.Equal((expected.V6Packets, expected.V6Bytes), Counts(report.GetProperty("ipv6")));
        Assert.Equal(expected.DnsQueries, report.GetProperty("dns").GetProperty("queries").GetInt64());
        Assert.Equal(expected.AaaaQueries, report.GetProperty("dns").GetProperty("aaaaQueries").GetInt64());

        var only = Assert.Single(report.GetProperty("files").EnumerateArray().ToList());
        Assert.Equal(path, only.GetProperty("path").GetString());
        Assert.Equal(expected.Packets, only.GetProperty("packets").GetInt64());
        Assert.Equal(expected.Bytes, only.GetProperty("bytes").GetInt64());
        Assert.True(report.GetProperty("flows").GetProperty("total").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Array, report.GetProperty("detections").ValueKind);
        Assert.Equal(0, report.GetProperty("malformed").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task SeveralFilesAreOneRunWithPerFileTotals()
    {
        var a = Path.Combine(Pcaps, "ndpi/1kxun.pcap");
        var b = Path.Combine(Pcaps, "ndpi/android.pcap");
        var report = await AnalyzeAsync(a, b);
        var (ta, tb) = (await TsharkTotalsAsync(a), await TsharkTotalsAsync(b));
        Assert.Equal(ta.Packets + tb.Packets, report.GetProperty("packets").GetInt64());
        Assert.Equal(ta.V6Bytes + tb.V6Bytes, report.GetProperty("ipv6").GetProperty("bytes").GetInt64());
        var files = report.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([(ta.Packets, ta.Bytes), (tb.Packets, tb.Bytes)], files.Select(f => (f.GetProperty("packets").GetInt64(), f.GetProperty("bytes").GetInt64())));
        var top = report.GetProperty("topHosts")[0];
        Assert.True(top.GetProperty("bytes").GetInt64() > 0 && top.GetProperty("address").GetString()!.Length > 0);
        Assert.Contains(report.GetProperty("applications").EnumerateArray(), x => x.GetProperty("application").GetString() == "dns");
    }

    [Fact]
    public async Task MalformedPacketsAreCountedByReason()
    {
        // The decoder's differential tests pin this file: 93 packets whose IPv4 total length runs past the frame.
        var report = await AnalyzeAsync(Path.Combine(Pcaps, "ndpi/badpackets.pcap"));
        var malformed = report.GetProperty("malformed");
        Assert.Equal(93, malformed.GetProperty("total").GetInt64());
        Assert.Equal(93, malformed.GetProperty("byReason").GetProperty("IPv4TotalLengthBeyondFrame").GetInt64());
    }

    [Fact]
    public async Task AnUnreadableFileIsNamedAndTheOthersAreStillAnalyzed()
    {
        var notACapture = Path.Combine(_work, "notes.pcap");
        await File.WriteAllTextAsync(notACapture, "this is not a capture file, only text\n");
        var unknownLink = Path.Combine(_work, "usb.pcap");
        await File.WriteAllBytesAsync(unknownLink, PcapHeader(linkType: 189)); // LINKTYPE_USB_LINUX
        var good = Path.Combine(Pcaps, "ndpi/android.pcap");
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "analyze", notACapture, good, unknownLink, Path.Combine(_work, "missing.pcap"), "--json");

        Assert.Equal(1, run.ExitCode);
        var report = JsonDocument.Parse(run.Stdout).RootElement; // stdout stays pure JSON
        Assert.Equal((await TsharkTotalsAsync(good)).Packets, report.GetProperty("packets").GetInt64());
        var files = report.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(4, files.Count);
        Assert.Contains("not a pcap or pcapng file", files[0].GetProperty("error").GetString());
        Assert.False(files[1].TryGetProperty("error", out _));
        Assert.Contains("189", files[2].GetProperty("error").GetString());
        Assert.Contains("missing.pcap", files[3].GetProperty("error").GetString());
        Assert.Contains("not a pcap or pcapng file", run.Stderr);
        Assert.Contains("usb.pcap", run.Stderr);
        Assert.Contains("missing.pcap", run.Stderr);
    }

    private async Task<JsonElement> AnalyzeAsync(params string[] files)
    {
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), ["analyze", .. files, "--json"]);
        Assert.True(run.ExitCode == 0, run.Output);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static (long, long) Counts(JsonElement counts) => (counts.GetProperty("packets").GetInt64(), counts.GetProperty("bytes").GetInt64());

    private sealed record TsharkTotals(long Packets, long Bytes, long V4Packets, long V4Bytes, long V6Packets, long V6Bytes, long DnsQueries, long AaaaQueries);

    /// <summary>
    /// tshark's figures, frame by frame: frame.len, the IP versions of the frame's IP layers (the last
    /// one is what the packet counts as: a tunnelled packet counts as its inner IP), and DNS queries on
    /// port 53 (opcode 0, by the first question's type). Reassembly is off, as in NetOps.
    /// </summary>
    private static async Task<TsharkTotals> TsharkTotalsAsync(string path)
    {
        var (code, output, errors) = await Tshark.RunAsync("-r", path, "-o", "tcp.desegment_tcp_streams:FALSE", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
            "-T", "fields", "-E", "separator=|", "-e", "frame.len", "-e", "ip.version", "-e", "ipv6.version", "-e", "frame.protocols", "-e", "dns.flags.response", "-e", "dns.flags.opcode", "-e", "dns.qry.type", "-e", "udp.port", "-e", "tcp.port");
        Assert.True(code == 0, errors);
        long packets = 0, bytes = 0, v4p = 0, v4b = 0, v6p = 0, v6b = 0, queries = 0, aaaa = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('|');
            var length = long.Parse(f[0], CultureInfo.InvariantCulture);
            packets++;
            bytes += length;
            var layers = f[3].Split(':');
            var last = Array.FindLastIndex(layers, l => l is "ip" or "ipv6");
            if (last >= 0 && layers[last] == "ip")
                (v4p, v4b) = (v4p + 1, v4b + length);
            else if (last >= 0)
                (v6p, v6b) = (v6p + 1, v6b + length);
            var onPort53 = $",{f[7]},{f[8]},".Contains(",53,", StringComparison.Ordinal);
            if (onPort53 && f[4].Split(',')[0] is "0" or "False" && f[5].Split(',')[0] == "0")
            {
                queries++;
                if (f[6].Split(',')[0] == "28")
                    aaaa++;
            }
        }
        return new TsharkTotals(packets, bytes, v4p, v4b, v6p, v6b, queries, aaaa);
    }

    private static byte[] PcapHeader(uint linkType)
    {
        var header = new byte[24];
        BitConverter.TryWriteBytes(header.AsSpan(0), 0xA1B2C3D4u);
        BitConverter.TryWriteBytes(header.AsSpan(4), (ushort)2);
        BitConverter.TryWriteBytes(header.AsSpan(6), (ushort)4);
        BitConverter.TryWriteBytes(header.AsSpan(16), 65535u);
        BitConverter.TryWriteBytes(header.AsSpan(20), linkType);
        return header;
    }
}
