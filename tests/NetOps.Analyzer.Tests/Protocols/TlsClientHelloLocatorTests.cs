using NetOps.Analyzer.Detectors;
using NetOps.Analyzer.Protocols.Tls;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>Finding a ClientHello at a stream's start: in one record, split over records and segments, refused.</summary>
public sealed class TlsClientHelloLocatorTests
{
    private static readonly byte[] Hello = ClientHelloBuilder.Build([0x1301, 0x1302], [0x0000, 0x0010, 0x002b, 0x000d], [0x0403], "h2", grease: true, serverName: "pool.example.org");

    private static TlsHelloStatus Find(byte[] stream, int scratchSize, out string? serverName, out TlsMalformedReason reason)
    {
        var status = TlsClientHelloLocator.Find(stream, new byte[scratchSize], out var message, out reason);
        serverName = null;
        if (status == TlsHelloStatus.Complete)
        {
            Assert.True(TlsClientHelloReader.TryRead(message, out var hello, out _));
            Assert.True(hello.TryGetServerName(out var name));
            serverName = System.Text.Encoding.ASCII.GetString(name);
        }
        return status;
    }

    [Fact]
    public void A_hello_in_one_record_is_found_in_place()
    {
        Assert.Equal(TlsHelloStatus.Complete, Find(ClientHelloBuilder.InRecords(Hello), 0, out var name, out _));
        Assert.Equal("pool.example.org", name);
    }

    [Fact]
    public void A_hello_split_over_records_is_reassembled()
    {
        Assert.Equal(TlsHelloStatus.Complete, Find(ClientHelloBuilder.InRecords(Hello, 7), 4096, out var name, out _));
        Assert.Equal("pool.example.org", name);
    }

    [Fact]
    public void Every_cut_of_the_stream_needs_more()
    {
        foreach (var records in new[] { ClientHelloBuilder.InRecords(Hello), ClientHelloBuilder.InRecords(Hello, 30) })
        {
            for (var cut = 0; cut < records.Length; cut++)
                Assert.Equal(TlsHelloStatus.NeedMore, Find(records[..cut], 4096, out _, out _));
        }
    }

    [Fact]
    public void A_hello_arriving_in_segments_with_a_retransmission_completes()
    {
        var stream = ClientHelloBuilder.InRecords(Hello, 40);
        var prefix = new TcpStreamPrefix(4096);
        Assert.Equal(StreamAppend.Added, prefix.Append(1000, stream.AsSpan(0, 50)));
        Assert.Equal(StreamAppend.Duplicate, prefix.Append(1000, stream.AsSpan(0, 50)));
        Assert.Equal(TlsHelloStatus.NeedMore, TlsClientHelloLocator.Find(prefix.Bytes, new byte[4096], out _, out _));
        Assert.Equal(StreamAppend.Added, prefix.Append(1030, stream.AsSpan(30)));
        Assert.Equal(stream, prefix.Bytes.ToArray());
        Assert.Equal(TlsHelloStatus.Complete, TlsClientHelloLocator.Find(prefix.Bytes, new byte[4096], out _, out _));
    }

    [Fact]
    public void A_gap_stops_the_prefix()
    {
        var prefix = new TcpStreamPrefix(100);
        prefix.Append(uint.MaxValue - 5, new byte[10]);           // wraps around 2^32
        Assert.Equal(StreamAppend.Gap, prefix.Append(20, new byte[10]));
        Assert.Equal(StreamAppend.Gap, prefix.Append(4, new byte[10]));
        Assert.Equal(10, prefix.Length);
        var full = new TcpStreamPrefix(8);
        Assert.Equal(StreamAppend.Full, full.Append(0, new byte[10]));
        Assert.Equal(8, full.Length);
    }

    [Fact]
    public void A_hello_larger_than_the_scratch_is_refused()
    {
        Assert.Equal(TlsHelloStatus.Malformed, Find(ClientHelloBuilder.InRecords(Hello, 30), 64, out _, out var reason));
        Assert.Equal(TlsMalformedReason.HelloTooLarge, reason);
    }

    [Fact]
    public void Other_streams_are_not_tls()
    {
        Assert.Equal(TlsHelloStatus.NotTls, Find("GET / HTTP/1.1\r\n"u8.ToArray(), 0, out _, out _));
        Assert.Equal(TlsHelloStatus.NotTls, Find([22, 2, 0, 0, 5], 0, out _, out _));
        Assert.Equal(TlsHelloStatus.NeedMore, Find([22], 0, out _, out _));
    }

    [Fact]
    public void Lying_records_are_malformed()
    {
        var records = ClientHelloBuilder.InRecords(Hello, 30);
        var alert = records.ToArray();
        alert[35] = 21;                                           // the second record is an alert
        Assert.Equal(TlsHelloStatus.Malformed, Find(alert, 4096, out _, out var reason));
        Assert.Equal(TlsMalformedReason.UnexpectedRecord, reason);
        byte[] empty = [22, 3, 1, 0, 0];
        Assert.Equal(TlsHelloStatus.Malformed, Find(empty, 4096, out _, out reason));
        Assert.Equal(TlsMalformedReason.BadRecordLength, reason);
        byte[] serverHello = [22, 3, 3, 0, 4, 2, 0, 0, 0];
        Assert.Equal(TlsHelloStatus.Malformed, Find(serverHello, 4096, out _, out reason));
        Assert.Equal(TlsMalformedReason.NotClientHello, reason);
    }

    [Fact]
    public void Every_truncation_of_a_hello_message_is_refused_without_throwing()
    {
        for (var cut = 0; cut < Hello.Length; cut++)
        {
            var message = Hello[..cut].ToArray();
            if (cut >= 4)
            {
                // The handshake header still claims the full length: shorten it to the cut so the body lies inside.
                var length = cut - 4;
                message[1] = (byte)(length >> 16);
                message[2] = (byte)(length >> 8);
                message[3] = (byte)length;
            }
            Assert.False(TlsClientHelloReader.TryRead(message, out _, out var reason) && cut < 40, $"cut {cut}: {reason}");
        }
    }
}
