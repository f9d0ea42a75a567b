namespace NetOps.Analyzer.Protocols.Http;

/// <summary>How much of an HTTP/1.x request head the bytes held.</summary>
public enum HttpHeadStatus : byte
{
    /// <summary>Not an HTTP/1.x request line (unknown method, no version): not HTTP.</summary>
    NotHttp,
    /// <summary>A request line and the header lines up to the end of the bytes; the blank line not yet seen.</summary>
    Partial,
    /// <summary>The whole head, up to the blank line.</summary>
    Complete,
}

/// <summary>
/// The head of an HTTP/1.x request (RFC 9112 3, 5): request line, then the header lines NetOps reads —
/// Host, User-Agent and the Authorization scheme. The credential after "Basic" is never exposed.
/// Reads as far as the bytes go (a head split over segments is <see cref="HttpHeadStatus.Partial"/>);
/// a header line cut by the end of the bytes is left unread. Lines may end with CRLF or a bare LF.
/// </summary>
public readonly ref struct HttpRequestReader
{
    /// <summary>Longest request line or header line read; a longer one ends reading as not HTTP / partial.</summary>
    public const int MaxLineLength = 8192;

    private HttpRequestReader(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, byte minorVersion, ReadOnlySpan<byte> host,
        ReadOnlySpan<byte> userAgent, ReadOnlySpan<byte> authorizationScheme, int headLength)
    {
        Method = method;
        Target = target;
        MinorVersion = minorVersion;
        Host = host;
        UserAgent = userAgent;
        AuthorizationScheme = authorizationScheme;
        HeadLength = headLength;
    }

    public ReadOnlySpan<byte> Method { get; }

    public ReadOnlySpan<byte> Target { get; }

    /// <summary>Empty while the request line is incomplete (<see cref="HttpHeadStatus.Partial"/> with only <see cref="Method"/>).</summary>
    public bool HasRequestLine => HeadLength > 0;

    /// <summary>The x of HTTP/1.x.</summary>
    public byte MinorVersion { get; }

    /// <summary>The first Host header's value (empty when none was read).</summary>
    public ReadOnlySpan<byte> Host { get; }

    public ReadOnlySpan<byte> UserAgent { get; }

    /// <summary>The Authorization header's scheme ("Basic", "Digest", "Bearer"…), without its credentials.</summary>
    public ReadOnlySpan<byte> AuthorizationScheme { get; }

    public bool HasBasicAuthorization => AuthorizationScheme.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(AuthorizationScheme, "basic"u8);

    /// <summary>Bytes of the head including its blank line (when complete), or of the lines read.</summary>
    public int HeadLength { get; }

    /// <summary>True when <paramref name="start"/> begins with a known method and a space: cheap, for deciding a flow is HTTP.</summary>
    public static bool StartsWithMethod(ReadOnlySpan<byte> start) => MethodLength(start) > 0;

    public static HttpHeadStatus TryRead(ReadOnlySpan<byte> data, out HttpRequestReader request)
    {
        request = default;
        var methodLength = MethodLength(data);
        if (methodLength == 0)
            return HttpHeadStatus.NotHttp;
        if (!TryLine(data, 0, out var line, out var next))
        {
            // A long request line cut by the segment's end: the method is known, the rest is to come.
            if (data.Length >= MaxLineLength)
                return HttpHeadStatus.NotHttp;
            request = new HttpRequestReader(data[..methodLength], default, 0, default, default, default, 0);
            return HttpHeadStatus.Partial;
        }
        // request-line = method SP request-target SP HTTP-version
        var rest = line[(methodLength + 1)..];
        var space = rest.LastIndexOf((byte)' ');
        if (space <= 0)
            return HttpHeadStatus.NotHttp;
        var version = rest[(space + 1)..];
        if (version.Length != 8 || !version.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)version[7]))
            return HttpHeadStatus.NotHttp;
        var target = rest[..space].Trim((byte)' ');
        ReadOnlySpan<byte> host = default, userAgent = default, scheme = default;
        var hostSeen = false;
        var position = next;
        var status = HttpHeadStatus.Partial;
        while (TryLine(data, position, out line, out next))
        {
            position = next;
            if (line.IsEmpty)
            {
                status = HttpHeadStatus.Complete;
                break;
            }
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
                continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (!hostSeen && System.Text.Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                host = value;
                hostSeen = true;
            }
            else if (userAgent.IsEmpty && System.Text.Ascii.EqualsIgnoreCase(name, "user-agent"u8))
            {
                userAgent = value;
            }
            else if (scheme.IsEmpty && System.Text.Ascii.EqualsIgnoreCase(name, "authorization"u8))
            {
                var end = value.IndexOfAny(" \t"u8);
                scheme = end < 0 ? value : value[..end];
            }
        }
        request = new HttpRequestReader(data[..methodLength], target, (byte)(version[7] - '0'), host, userAgent, scheme, position);
        return status;
    }

    /// <summary>The line starting at <paramref name="start"/> without its CRLF / LF, when its end is in the bytes.</summary>
    private static bool TryLine(ReadOnlySpan<byte> data, int start, out ReadOnlySpan<byte> line, out int next)
    {
        var rest = data[start..];
        var end = rest[..Math.Min(rest.Length, MaxLineLength)].IndexOf((byte)'\n');
        if (end < 0)
        {
            line = default;
            next = start;
            return false;
        }
        line = end > 0 && rest[end - 1] == '\r' ? rest[..(end - 1)] : rest[..end];
        next = start + end + 1;
        return true;
    }

    /// <summary>The length of a known method at the start followed by a space, else 0.</summary>
    private static int MethodLength(ReadOnlySpan<byte> data)
    {
        var space = data[..Math.Min(data.Length, 12)].IndexOf((byte)' ');
        if (space <= 0)
            return 0;
        return HttpMethods.IsKnown(data[..space]) ? space : 0;
    }
}

/// <summary>The request methods that mark a flow as HTTP (RFC 9110 9, PATCH, and WebDAV's).</summary>
internal static class HttpMethods
{
    private static readonly byte[][] Known =
    [
        "GET"u8.ToArray(), "POST"u8.ToArray(), "HEAD"u8.ToArray(), "PUT"u8.ToArray(), "DELETE"u8.ToArray(), "OPTIONS"u8.ToArray(),
        "CONNECT"u8.ToArray(), "TRACE"u8.ToArray(), "PATCH"u8.ToArray(), "PROPFIND"u8.ToArray(), "PROPPATCH"u8.ToArray(),
        "MKCOL"u8.ToArray(), "COPY"u8.ToArray(), "MOVE"u8.ToArray(), "LOCK"u8.ToArray(), "UNLOCK"u8.ToArray(),
    ];

    public static bool IsKnown(ReadOnlySpan<byte> method)
    {
        foreach (var known in Known)
        {
            if (method.SequenceEqual(known))
                return true;
        }
        return false;
    }
}
