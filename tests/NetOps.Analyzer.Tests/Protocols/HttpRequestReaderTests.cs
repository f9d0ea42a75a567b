using System.Text;
using NetOps.Analyzer.Protocols.Http;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>The HTTP/1.x request head reader over hand-written heads.</summary>
public sealed class HttpRequestReaderTests
{
    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

    [Fact]
    public void Reads_the_request_line_host_user_agent_and_basic_scheme()
    {
        var head = "POST /submit?x=1 HTTP/1.0\r\nhost:  pool.example.org:3333 \r\nUser-Agent: XMRig/6.21.0\r\nAuthorization: Basic dXNlcjpwYXNz\r\n\r\nbody"u8;
        Assert.Equal(HttpHeadStatus.Complete, HttpRequestReader.TryRead(head, out var request));
        Assert.Equal("POST", Text(request.Method));
        Assert.Equal("/submit?x=1", Text(request.Target));
        Assert.Equal(0, request.MinorVersion);
        Assert.Equal("pool.example.org:3333", Text(request.Host));
        Assert.Equal("XMRig/6.21.0", Text(request.UserAgent));
        Assert.True(request.HasBasicAuthorization);
        Assert.Equal("Basic", Text(request.AuthorizationScheme));
        Assert.Equal(head.Length - 4, request.HeadLength);
    }

    [Fact]
    public void Other_authorization_schemes_are_not_basic()
    {
        Assert.Equal(HttpHeadStatus.Complete, HttpRequestReader.TryRead("GET / HTTP/1.1\nAuthorization: Digest username=\"a\"\n\n"u8, out var request));
        Assert.False(request.HasBasicAuthorization);
        Assert.Equal("Digest", Text(request.AuthorizationScheme));
    }

    [Fact]
    public void A_head_cut_short_is_partial_with_the_lines_read()
    {
        Assert.Equal(HttpHeadStatus.Partial, HttpRequestReader.TryRead("GET /a HTTP/1.1\r\nHost: a.example\r\nUser-Agent: cu"u8, out var request));
        Assert.Equal("a.example", Text(request.Host));
        Assert.True(request.UserAgent.IsEmpty);
        Assert.Equal(HttpHeadStatus.Partial, HttpRequestReader.TryRead("GET /very-long"u8, out request));
        Assert.False(request.HasRequestLine);
        Assert.Equal("GET", Text(request.Method));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n")]
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("get / HTTP/1.1\r\n\r\n")]
    [InlineData("GET\r\n")]
    [InlineData("{\"id\":1,\"method\":\"login\"}\n")]
    [InlineData("")]
    public void Other_protocols_are_not_http(string text)
    {
        Assert.Equal(HttpHeadStatus.NotHttp, HttpRequestReader.TryRead(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void The_first_host_header_counts()
    {
        Assert.Equal(HttpHeadStatus.Complete, HttpRequestReader.TryRead("GET / HTTP/1.1\r\nHost: first\r\nHost: second\r\n\r\n"u8, out var request));
        Assert.Equal("first", Text(request.Host));
    }
}
