using System.Buffers.Text;
using System.Text;

namespace NetOps.Analyzer.Mining;

/// <summary>One HTTP/1.x message's head facts and its body (when a Content-Length gave one).</summary>
internal readonly ref struct HttpMessage
{
    public bool IsRequest { get; init; }
    public bool IsPost { get; init; }

    /// <summary>A request asking for "Upgrade: websocket", or a "101 Switching Protocols" response.</summary>
    public bool IsWebSocketUpgrade { get; init; }

    public ReadOnlySpan<byte> Body { get; init; }
}

/// <summary>
/// Splits a growing byte stream into HTTP/1.x messages (requests or responses, keep-alive one after
/// another): start line, headers up to the empty line, then Content-Length bytes of body. Mining over
/// HTTP (getwork, getblocktemplate) needs nothing more; a chunked or length-less body ends the
/// framing (<see cref="Stopped"/>), as does a head that is not HTTP.
/// </summary>
internal struct HttpMessageFramer
{
    public const int MaxHead = 8192;

    private int _consumed;

    public bool Stopped { get; private set; }

    /// <summary>Where the bytes after the last message start (a WebSocket stream after the upgrade).</summary>
    public readonly int Consumed => _consumed;

    public bool TryNext(ReadOnlySpan<byte> stream, out HttpMessage message)
    {
        message = default;
        if (Stopped || _consumed >= stream.Length)
            return false;
        var rest = stream[_consumed..];
        var headEnd = rest.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            Stopped = rest.Length > MaxHead;
            return false;
        }
        var head = rest[..headEnd];
        var lineEnd = head.IndexOf("\r\n"u8);
        var startLine = lineEnd < 0 ? head : head[..lineEnd];
        var isResponse = startLine.StartsWith("HTTP/1."u8);
        var isRequest = !isResponse && startLine.IndexOf(" HTTP/1."u8) > 0;
        if (!isRequest && !isResponse)
        {
            Stopped = true;
            return false;
        }
        var headers = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        var upgrade = isRequest
            ? HeaderIs(headers, "upgrade"u8, "websocket"u8)
            : startLine.Length >= 12 && startLine[9..12].SequenceEqual("101"u8);
        var bodyStart = headEnd + 4;
        var length = 0;
        if (!upgrade)
        {
            if (TryHeader(headers, "content-length"u8, out var value))
            {
                if (!Utf8Parser.TryParse(value, out length, out var used) || used != value.Length || length < 0)
                {
                    Stopped = true;
                    return false;
                }
            }
            else if (TryHeader(headers, "transfer-encoding"u8, out _) || isResponse)
            {
                // A body without a length (chunked, or a response read to the close): no message boundaries to follow.
                Stopped = true;
            }
        }
        if (rest.Length < bodyStart + length)
            return false;
        _consumed += bodyStart + length;
        message = new HttpMessage
        {
            IsRequest = isRequest,
            IsPost = isRequest && startLine.StartsWith("POST "u8),
            IsWebSocketUpgrade = upgrade,
            Body = rest.Slice(bodyStart, length),
        };
        if (upgrade && !isRequest)
            Stopped = true; // the rest is WebSocket frames
        return true;
    }

    /// <summary>True when the stream starts like an HTTP request this framer reads.</summary>
    public static bool LooksLikeRequest(ReadOnlySpan<byte> first) =>
        first.StartsWith("POST "u8) || first.StartsWith("GET "u8);

    private static bool HeaderIs(ReadOnlySpan<byte> headers, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        TryHeader(headers, name, out var found) && Ascii.EqualsIgnoreCase(found, value);

    private static bool TryHeader(ReadOnlySpan<byte> headers, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        foreach (var range in headers.Split("\r\n"u8))
        {
            var line = headers[range];
            var colon = line.IndexOf((byte)':');
            if (colon == name.Length && Ascii.EqualsIgnoreCase(line[..colon], name))
            {
                value = line[(colon + 1)..].Trim(" \t"u8);
                return true;
            }
        }
        value = default;
        return false;
    }
}
