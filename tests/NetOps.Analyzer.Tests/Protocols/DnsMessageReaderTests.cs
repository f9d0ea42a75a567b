using NetOps.Analyzer.Protocols.Dns;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>The DNS reader over hand-built messages: compression, every malformed reason, TCP framing.</summary>
public sealed class DnsMessageReaderTests
{
    /// <summary>Header: id 0x1234, flags, 1 question, the given answer count.</summary>
    private static List<byte> Header(ushort flags, int questions, int answers) =>
        [0x12, 0x34, (byte)(flags >> 8), (byte)flags, 0, (byte)questions, 0, (byte)answers, 0, 0, 0, 0];

    private static byte[] Name(string name) =>
        [.. name.Split('.').SelectMany(label => new[] { (byte)label.Length }.Concat(label.Select(c => (byte)c))), 0];

    /// <summary>A response for www.example.com: CNAME to web.example.com (compressed), then A and AAAA of it.</summary>
    internal static byte[] Response()
    {
        var m = Header(0x8180, 1, 3);
        m.AddRange(Name("www.example.com"));            // offset 12; "example.com" at 16
        m.AddRange([0, 1, 0, 1]);
        m.AddRange([0xC0, 12, 0, 5, 0, 1, 0, 0, 0x0E, 0x10, 0, 6, 3, (byte)'w', (byte)'e', (byte)'b', 0xC0, 16]);
        var web = m.Count - 6;                          // where "web" + pointer starts
        m.AddRange([0xC0, (byte)web, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7]);
        m.AddRange([0xC0, (byte)web, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        return [.. m];
    }

    [Fact]
    public void Reads_questions_and_compressed_answers()
    {
        Assert.True(DnsMessageReader.TryRead(Response(), out var reader, out _));
        Assert.True(reader.IsResponse);
        Assert.Equal(0x1234, reader.Id);
        Assert.Equal(3, reader.AnswerCount);
        Assert.True(reader.TryReadQuestion(out var question));
        Assert.Equal("www.example.com", question.Name.ToString());
        Assert.Equal(DnsRecordType.A, question.Type);
        Assert.False(reader.TryReadQuestion(out _));

        Assert.True(reader.TryReadRecord(out var cname));
        Assert.Equal(DnsRecordType.Cname, cname.Type);
        Assert.Equal(3600u, cname.Ttl);
        Assert.True(cname.TryGetTargetName(out var target));
        Assert.Equal("web.example.com", target.ToString());
        Assert.True(reader.TryReadRecord(out var a));
        Assert.Equal("web.example.com", a.Name.ToString());
        Assert.True(a.TryGetAddress(out var v4));
        Assert.Equal("192.0.2.7", v4.ToString());
        Assert.True(reader.TryReadRecord(out var aaaa));
        Assert.True(aaaa.TryGetAddress(out var v6));
        Assert.Equal("2001:db8::1", v6.ToString());
        Assert.Equal(DnsSection.Answer, aaaa.Section);
        Assert.False(reader.TryReadRecord(out _));
        Assert.Equal(DnsMalformedReason.None, reader.Malformed);
    }

    [Fact]
    public void Records_can_be_read_without_reading_the_questions_first()
    {
        Assert.True(DnsMessageReader.TryRead(Response(), out var reader, out _));
        var types = new List<ushort>();
        while (reader.TryReadRecord(out var record))
            types.Add(record.Type);
        Assert.Equal([DnsRecordType.Cname, DnsRecordType.A, DnsRecordType.Aaaa], types);
    }

    [Fact]
    public void Tcp_messages_start_with_their_length()
    {
        var message = Response();
        byte[] segment = [(byte)(message.Length >> 8), (byte)message.Length, .. message, 0xFF];
        Assert.True(DnsMessageReader.TryReadTcp(segment, out var reader, out _));
        Assert.Equal(message.Length, reader.Message.Length);
        Assert.False(DnsMessageReader.TryReadTcp(segment[..^2], out _, out var reason));
        Assert.Equal(DnsMalformedReason.TcpLengthBeyondSegment, reason);
        Assert.False(DnsMessageReader.TryReadTcp([0], out _, out _));
    }

    [Fact]
    public void A_short_header_is_refused()
    {
        Assert.False(DnsMessageReader.TryRead(new byte[11], out _, out var reason));
        Assert.Equal(DnsMalformedReason.TruncatedHeader, reason);
    }

    private static DnsMalformedReason ReadAll(byte[] message)
    {
        Assert.True(DnsMessageReader.TryRead(message, out var reader, out _));
        while (reader.TryReadRecord(out _))
        {
        }
        return reader.Malformed;
    }

    [Fact]
    public void A_pointer_to_itself_is_a_bad_pointer_not_a_loop()
    {
        var m = Header(0, 1, 0);
        m.AddRange([0xC0, 12, 0, 1, 0, 1]);
        Assert.Equal(DnsMalformedReason.BadNamePointer, ReadAll([.. m]));
    }

    [Fact]
    public void Two_pointers_to_each_other_are_refused()
    {
        // Question name at 12: label "a" then a pointer to 17; at 17 a pointer back to 12.
        var m = Header(0, 1, 0);
        m.AddRange([1, (byte)'a', 0xC0, 17, 0, 0xC0, 12]);
        Assert.Equal(DnsMalformedReason.BadNamePointer, ReadAll([.. m]));
    }

    [Fact]
    public void A_forward_pointer_is_refused()
    {
        var m = Header(0, 1, 0);
        m.AddRange([0xC0, 20, 0, 1, 0, 1, 0, 0, 1, (byte)'x', 0]);
        Assert.Equal(DnsMalformedReason.BadNamePointer, ReadAll([.. m]));
    }

    [Fact]
    public void A_name_over_255_bytes_is_refused()
    {
        var m = Header(0, 1, 0);
        for (var i = 0; i < 5; i++)
            m.AddRange([63, .. Enumerable.Repeat((byte)'a', 63)]);
        m.AddRange([0, 0, 1, 0, 1]);
        Assert.Equal(DnsMalformedReason.NameTooLong, ReadAll([.. m]));
    }

    [Fact]
    public void A_chain_of_backward_pointers_is_followed_within_the_limits()
    {
        // Names at increasing offsets, each "x" + pointer to the previous one: 40 labels deep, 81 bytes.
        var m = Header(0, 1, 0);
        var nameStart = 12 + 2 + 4 + 1;
        m.AddRange([0xC0, 0, 0, 1, 0, 1, 0]);           // question points at the last chain name (patched below)
        var previous = -1;
        for (var i = 0; i < 40; i++)
        {
            var at = m.Count;
            if (previous < 0)
                m.AddRange([1, (byte)'x', 0]);
            else
                m.AddRange([1, (byte)'x', (byte)(0xC0 | (previous >> 8)), (byte)previous]);
            previous = at;
        }
        m[13] = (byte)previous;
        Assert.True(previous > nameStart);
        // The question's pointer goes forward: refused, although the chain itself is fine.
        Assert.Equal(DnsMalformedReason.BadNamePointer, ReadAll([.. m]));
        Assert.True(DnsName.TryRead([.. m], previous, out var name, out _, out _));
        Assert.Equal(40, name.LabelCount);
        Assert.Equal(81, name.WireLength);
    }

    [Fact]
    public void Extended_label_types_are_refused()
    {
        var m = Header(0, 1, 0);
        m.AddRange([0x41, 0, 0, 1, 0, 1]);
        Assert.Equal(DnsMalformedReason.BadLabelType, ReadAll([.. m]));
    }

    [Fact]
    public void Cut_messages_name_their_part()
    {
        var full = Response();
        Assert.Equal(DnsMalformedReason.TruncatedName, ReadAll(full[..20]));
        Assert.Equal(DnsMalformedReason.TruncatedQuestion, ReadAll(full[..30]));
        Assert.Equal(DnsMalformedReason.TruncatedRecord, ReadAll(full[..40]));
        Assert.Equal(DnsMalformedReason.TruncatedRecord, ReadAll(full[..^1]));
    }

    [Fact]
    public void An_a_record_of_the_wrong_length_is_refused()
    {
        var m = Header(0x8180, 0, 1);
        m.AddRange([0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 5, 1, 2, 3, 4, 5]);
        Assert.Equal(DnsMalformedReason.BadAddressLength, ReadAll([.. m]));
    }

    [Fact]
    public void Names_match_suffixes_on_label_boundaries_ignoring_case()
    {
        Assert.True(DnsMessageReader.TryRead(Response(), out var reader, out _));
        Assert.True(reader.TryReadQuestion(out var question));
        Assert.True(question.Name.EndsWithLabels("example.com"));
        Assert.True(question.Name.EndsWithLabels("EXAMPLE.com"));
        Assert.True(question.Name.EndsWithLabels("www.example.com"));
        Assert.True(question.Name.EndsWithLabels("com"));
        Assert.False(question.Name.EndsWithLabels("ample.com"));
        Assert.False(question.Name.EndsWithLabels("a.www.example.com"));
    }

    [Fact]
    public void The_root_and_control_characters_format_as_wireshark_shows_them()
    {
        var m = Header(0, 2, 0);
        m.AddRange([0, 0, 1, 0, 1]);
        m.AddRange([3, (byte)'a', 0x0D, 0xE4, 2, 0xE5, 0xB0, 0]); // "a\r" + invalid UTF-8, then a half character
        m.AddRange([0, 1, 0, 1]);
        Assert.True(DnsMessageReader.TryRead([.. m], out var reader, out _));
        Assert.True(reader.TryReadQuestion(out var root));
        Assert.True(root.Name.IsRoot);
        Assert.Equal("", root.Name.ToString());
        Assert.True(reader.TryReadQuestion(out var odd));
        Assert.Equal("a\\r\uFFFD.\uFFFD", odd.Name.ToString());
    }

    [Fact]
    public void Reading_a_message_allocates_nothing()
    {
        var message = Response();
        static int Walk(byte[] message)
        {
            var seen = 0;
            DnsMessageReader.TryRead(message, out var reader, out _);
            while (reader.TryReadQuestion(out var q))
                seen += q.Name.WireLength + (q.Name.EndsWithLabels("example.com") ? 1 : 0);
            while (reader.TryReadRecord(out var r))
                seen += r.TryGetAddress(out _) ? 1 : 0;
            return seen;
        }
        Walk(message);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
            total += Walk(message);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000 * (17 + 1 + 2), total);
    }
}
