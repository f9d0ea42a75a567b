using NetOps.Analyzer.Detectors;
using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Tests.Protocols;

namespace NetOps.Analyzer.Tests.Detectors;

/// <summary>The registry, its DNS answer cache and the inspectors over hand-built packets.</summary>
public sealed class ServerNameRegistryTests
{
    private static readonly IpAddress Client = IpAddress.Parse("10.1.2.3");
    private static readonly IpAddress Resolver = IpAddress.Parse("10.0.0.53");
    private static readonly IpAddress Web = IpAddress.Parse("192.0.2.7");
    private const long Second = 1_000_000_000;

    private static PayloadContext Packet(ulong flow, IpAddress server, ushort serverPort, byte protocol, long at, int nth = 1, uint sequence = 0,
        bool fromClient = true) => new()
    {
        FlowId = flow, Protocol = protocol, IpVersion = 4, Client = Client, ClientPort = 40000, Server = server, ServerPort = serverPort,
        FromClient = fromClient, TimestampNanos = at, PayloadPacketInDirection = nth, TcpSequence = sequence,
    };

    [Fact]
    public void A_flow_is_named_from_the_dns_answer_its_client_got_until_the_ttl_runs_out()
    {
        var detectors = new ApplicationDetectors();
        // The DNS response of DnsMessageReaderTests: www.example.com → CNAME web.example.com → 192.0.2.7 (TTL 60).
        detectors.Dns.Inspect(Packet(1, Resolver, 53, 17, 0, fromClient: false), DnsMessageReaderTests.Response());
        Assert.Equal(1, detectors.Dns.Counters.Responses);
        Assert.Equal(1, detectors.Dns.Counters.AnsweredA);

        detectors.Names.Inspect(Packet(2, Web, 443, 6, 10 * Second), [1]);
        Assert.True(detectors.Names.TryGetServerName(2, out var name));
        Assert.Equal("www.example.com", name);
        Assert.True(detectors.Names.TryGetSource(2, out var source));
        Assert.Equal(ServerNameSource.DnsAnswer, source);

        detectors.Names.Inspect(Packet(3, Web, 443, 6, 61 * Second), [1]);
        Assert.False(detectors.Names.TryGetServerName(3, out _));
    }

    [Fact]
    public void The_clients_own_name_replaces_the_dns_one_and_visibility_counts_by_source()
    {
        var detectors = new ApplicationDetectors();
        detectors.Dns.Inspect(Packet(1, Resolver, 53, 17, 0, fromClient: false), DnsMessageReaderTests.Response());
        detectors.Names.Inspect(Packet(2, Web, 443, 6, Second), [22]);
        var hello = ClientHelloBuilder.InRecords(ClientHelloBuilder.Build([0x1301], [0x0000, 0x002b], [], null, grease: false, serverName: "Other.Example.org"));
        // The hello arrives in two segments, the first one twice (a retransmission).
        detectors.Tls.Inspect(Packet(2, Web, 443, 6, Second, 1, 1000), hello.AsSpan(0, 20));
        detectors.Tls.Inspect(Packet(2, Web, 443, 6, Second, 2, 1000), hello.AsSpan(0, 20));
        Assert.False(detectors.Tls.TryGetClientHello(2, out _));
        detectors.Tls.Inspect(Packet(2, Web, 443, 6, Second, 3, 1020), hello.AsSpan(20));
        Assert.True(detectors.Tls.TryGetClientHello(2, out var summary));
        Assert.Equal("other.example.org", summary.ServerName);
        Assert.StartsWith("t13d0102", summary.Ja4, StringComparison.Ordinal);
        Assert.True(detectors.Names.TryGetServerName(2, out var name));
        Assert.Equal("other.example.org", name);

        detectors.Names.OnFlowEnd(new FlowSummary { FlowId = 2, Protocol = 6, ServerPort = 443, PacketsFromClient = 3 });
        detectors.Names.OnFlowEnd(new FlowSummary { FlowId = 4, Protocol = 17, ServerPort = 123, PacketsFromClient = 1 });
        detectors.Names.OnFlowEnd(new FlowSummary { FlowId = 1, Protocol = 17, ServerPort = 53, PacketsFromClient = 1 });
        var visibility = detectors.Names.Visibility;
        Assert.Equal(2, visibility.Flows);
        Assert.Equal(1, visibility.Named);
        Assert.Equal(1, visibility.NamedBy(ServerNameSource.TlsSni));
        Assert.Equal(0.5, visibility.Share);
        Assert.False(detectors.Names.TryGetServerName(2, out _));
    }

    [Fact]
    public void An_http_head_split_over_segments_gives_its_host_without_port()
    {
        var detectors = new ApplicationDetectors();
        var head = "GET /x HTTP/1.1\r\nUser-Agent: t\r\nHost: Pool.Example.NET:8080\r\n\r\n"u8.ToArray();
        detectors.Http.Inspect(Packet(5, Web, 8080, 6, 0, 1, 7), head.AsSpan(0, 25));
        Assert.False(detectors.Http.TryGetRequest(5, out _));
        detectors.Http.Inspect(Packet(5, Web, 8080, 6, 0, 2, 32), head.AsSpan(25));
        Assert.True(detectors.Http.TryGetRequest(5, out var request));
        Assert.Equal(("GET", "pool.example.net", "t", false), (request.Method, request.Host, request.UserAgent, request.HasBasicAuthorization));
        Assert.True(detectors.Names.TryGetServerName(5, out var name));
        Assert.Equal("pool.example.net", name);
    }

    [Fact]
    public void Flows_that_are_not_tls_or_http_are_decided_on_their_first_packet()
    {
        var detectors = new ApplicationDetectors();
        detectors.Tls.Inspect(Packet(6, Web, 443, 6, 0, 1, 1), "SSH-2.0-x\r\n"u8);
        detectors.Tls.Inspect(Packet(6, Web, 443, 6, 0, 2, 12), ClientHelloBuilder.InRecords(ClientHelloBuilder.Build([0x1301], [0x0000], [], null, false)));
        Assert.False(detectors.Tls.TryGetClientHello(6, out _));
        detectors.Http.Inspect(Packet(7, Web, 80, 6, 0, 2, 1), "GET / HTTP/1.1\r\nHost: late.example\r\n\r\n"u8);
        Assert.False(detectors.Http.TryGetRequest(7, out _));
    }

    [Fact]
    public void The_answer_cache_is_bounded_and_counts_what_it_pushes_out()
    {
        var cache = new DnsAnswerCache(capacity: 2);
        cache.Add(Client, IpAddress.Parse("192.0.2.1"), "a.example", 300, 0);
        cache.Add(Client, IpAddress.Parse("192.0.2.2"), "b.example", 300, 0);
        cache.Add(Client, IpAddress.Parse("192.0.2.3"), "c.example", 300, 0);
        Assert.Equal(2, cache.Count);
        Assert.Equal(1, cache.Evicted);
        Assert.False(cache.TryGet(Client, IpAddress.Parse("192.0.2.1"), 0, out _));
        Assert.True(cache.TryGet(Client, IpAddress.Parse("192.0.2.3"), 0, out var name));
        Assert.Equal("c.example", name);
        Assert.False(cache.TryGet(IpAddress.Parse("10.9.9.9"), IpAddress.Parse("192.0.2.3"), 0, out _));
        // A TTL of 0 is kept for the minimum, a day-long one for the maximum.
        cache.Add(Client, IpAddress.Parse("192.0.2.4"), "d.example", 0, 0);
        Assert.True(cache.TryGet(Client, IpAddress.Parse("192.0.2.4"), DnsAnswerCache.MinimumTtlSeconds * Second, out _));
        Assert.False(cache.TryGet(Client, IpAddress.Parse("192.0.2.4"), (DnsAnswerCache.MinimumTtlSeconds + 1) * Second, out _));
    }
}
