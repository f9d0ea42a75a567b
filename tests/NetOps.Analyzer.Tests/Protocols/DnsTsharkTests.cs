using System.Globalization;
using System.Text.RegularExpressions;
using NetOps.Analyzer.Protocols.Dns;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>
/// Every DNS, mDNS and LLMNR message of every corpus capture read by <see cref="DnsMessageReader"/>
/// and dissected by tshark: question names and types, A and AAAA addresses (all sections), the
/// response flag and the answer count must be equal packet by packet. A message NetOps stops reading
/// as malformed must agree up to where it stopped, and each file has exactly the counts of
/// <see cref="Expected"/> of those, and of messages only tshark reads.
/// </summary>
public sealed partial class DnsTsharkTests
{
    private static readonly string[] Fields = ["dns.qry.name", "dns.qry.type", "dns.a", "dns.aaaa", "dns.flags.response", "dns.count.answers"];

    /// <summary>tshark dissects DNS inside QUIC (DoQ, UDP 853) and on any ports of a conversation it once saw as DNS; NetOps reads DNS on its ports only.</summary>
    private const string OffDnsPorts = "tshark only, not on a DNS port";

    /// <summary>A first IP fragment (reassembly off) ends inside the message: NetOps stops at the cut, tshark too.</summary>
    private const string FirstFragment = "first fragment: ";

    /// <summary>Per file: malformed reasons NetOps stopped at, and <see cref="OffDnsPorts"/>; files not listed have none.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Expected = new()
    {
        // A Wireshark fuzz capture (tshark marks these packets malformed too, or reads extended label
        // types 0x40/0x80 as "<Unknown extended label>" and goes on); conversations tshark follows off port 53.
        ["ndpi/fuzz-2006-06-26-2594.pcap"] = new()
        {
            [nameof(DnsMalformedReason.BadLabelType)] = 34, [nameof(DnsMalformedReason.BadNamePointer)] = 2,
            [nameof(DnsMalformedReason.TruncatedName)] = 37, [nameof(DnsMalformedReason.TruncatedQuestion)] = 1,
            [nameof(DnsMalformedReason.TruncatedRecord)] = 3, [OffDnsPorts] = 5,
        },
        ["ndpi/doq.pcapng"] = new() { [OffDnsPorts] = 14 },
        ["ndpi/dns_fragmented.pcap"] = new() { [FirstFragment + nameof(DnsMalformedReason.TruncatedRecord)] = 7 },
        ["zeek/ipv6-fragmented-dns.pcap"] = new() { [FirstFragment + nameof(DnsMalformedReason.TruncatedRecord)] = 1 },
        // A second question whose name exceeds 255 bytes: tshark shows "<Name too long>" and reads on.
        ["ndpi/malformed_dns.pcap"] = new() { [nameof(DnsMalformedReason.NameTooLong)] = 4 },
    };

    internal static bool IsDnsPort(PayloadFrame frame) => frame.Protocol == IpProtocols.Udp
        ? frame.HasPort(53) || frame.HasPort(5353) || frame.HasPort(5355)
        : frame.HasPort(53);

    [Theory]
    [MemberData(nameof(CaptureCorpus.ReadableFileNames), MemberType = typeof(CaptureCorpus))]
    public async Task Dns_fields_equal_tshark(string file)
    {
        var theirs = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "dns.flags.response", Fields);
        var differences = new List<string>();
        var counts = new Dictionary<string, int>();
        var frames = PayloadFrame.Of(file);
        foreach (var frame in frames.Where(f => IsDnsPort(f) && !f.IsLaterFragment))
        {
            var (ours, malformed) = Read(frame);
            if (!theirs.Remove(frame.Number, out var packet))
            {
                if (ours is not null)
                    differences.Add($"{frame.Number}: only NetOps reads DNS");
                continue;
            }
            if (ours is null)
            {
                differences.Add($"{frame.Number}: only tshark reads DNS");
                continue;
            }
            if (malformed != DnsMalformedReason.None)
            {
                var key = frame.IsFirstFragment ? $"{FirstFragment}{malformed}" : malformed.ToString();
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            foreach (var field in Fields)
            {
                var expected = packet.Values(field).Select(Normalize).ToList();
                var actual = ours[field].Select(Normalize).ToList();
                var agrees = malformed == DnsMalformedReason.None ? expected.SequenceEqual(actual) : expected.Take(actual.Count).SequenceEqual(actual);
                if (!agrees)
                    differences.Add($"{frame.Number} {field} ({malformed}): NetOps '{string.Join('|', actual)}', tshark '{string.Join('|', expected)}'");
            }
        }
        var decoderMalformed = PayloadFrame.MalformedFrames(file);
        var onDnsPorts = frames.Where(IsDnsPort).Select(f => f.Number).ToHashSet();
        foreach (var (number, packet) in theirs.Where(p => !decoderMalformed.Contains(p.Key)))
        {
            if (onDnsPorts.Contains(number))
                differences.Add($"{number}: only tshark reads DNS ({string.Join(':', packet.Protocols)})");
            else
                counts[OffDnsPorts] = counts.GetValueOrDefault(OffDnsPorts) + 1;
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(40)));
        Assert.True(Expected.GetValueOrDefault(file, []).OrderBy(p => p.Key).SequenceEqual(counts.OrderBy(p => p.Key)),
            string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"[\"{p.Key}\"] = {p.Value}")));
    }

    /// <summary>
    /// Invalid UTF-8 becomes U+FFFD on both sides, but GLib and .NET replace some invalid sequences
    /// (e.g. a surrogate's encoding) with a different number of U+FFFD: a run counts as one.
    /// </summary>
    private static string Normalize(string value) => ReplacementRun().Replace(value, "\uFFFD");

    [GeneratedRegex("\uFFFD+")]
    private static partial Regex ReplacementRun();

    /// <summary>Our values of the tshark fields (null when the header cannot be read), and where reading stopped.</summary>
    private static (Dictionary<string, List<string>>? Values, DnsMalformedReason Malformed) Read(PayloadFrame frame)
    {
        var ok = frame.Protocol == IpProtocols.Udp
            ? DnsMessageReader.TryRead(frame.Payload, out var reader, out _)
            : DnsMessageReader.TryReadTcp(frame.Payload, out reader, out _);
        if (!ok)
            return (null, DnsMalformedReason.None);
        var values = Fields.ToDictionary(f => f, _ => new List<string>());
        values["dns.flags.response"].Add(reader.IsResponse ? "1" : "0");
        // Dynamic update (opcode 5) names its second count "prerequisites": tshark has no dns.count.answers then.
        if (reader.Opcode != 5)
            values["dns.count.answers"].Add(reader.AnswerCount.ToString(CultureInfo.InvariantCulture));
        while (reader.TryReadQuestion(out var question))
        {
            values["dns.qry.name"].Add(question.Name.IsRoot ? "<Root>" : question.Name.ToString());
            values["dns.qry.type"].Add(question.Type.ToString(CultureInfo.InvariantCulture));
        }
        while (reader.TryReadRecord(out var record))
        {
            if (record.TryGetAddress(out var address))
                values[record.Type == DnsRecordType.A ? "dns.a" : "dns.aaaa"].Add(record.Type == DnsRecordType.A ? address.ToString() : address.ToIPv6String());
        }
        return (values, reader.Malformed);
    }
}
