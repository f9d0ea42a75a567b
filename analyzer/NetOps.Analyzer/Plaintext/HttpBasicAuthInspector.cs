using System.Buffers.Text;
using System.Text;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Plaintext;

/// <summary>
/// HTTP Basic credentials in clear: an "Authorization: Basic …" (or Proxy-Authorization) header in a
/// request's first segment. Confirmed at once (the password crossed the wire readable); the user
/// name is kept, the password never; the server's status (401 refused, 2xx/3xx accepted) is noted
/// from its next answer. A minimal header scan of the request head, not an HTTP parser: a header
/// that arrives in a later segment of the same request is not seen.
/// </summary>
public sealed class HttpBasicAuthInspector(IDetectionSink sink, IIdentityLookup? identity = null) : IPayloadInspector
{
    public const int MaxFlows = 10_000;

    private readonly FlowStates<Pending> _pending = new(MaxFlows);

    public string Name => "http_basic";

    public long NotFollowed => _pending.NotFollowed;

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != IpProtocols.Tcp)
            return FlowInterest.None;
        if (!context.FromClient)
        {
            if (_pending.Count > 0 && _pending.TryGet(context.FlowId, out var waiting) && !waiting.Reported && Status(payload) is { } status)
            {
                Report(waiting, status, context.TimestampNanos);
                return FlowInterest.End;
            }
            return FlowInterest.Packets;
        }
        // Any request of the flow may carry them (the first often does not: 401, then again with credentials),
        // and captures show flows whose first client payload is a few bytes of padding.
        if (!StartsWithMethod(payload))
            return FlowInterest.Packets;
        // Once per flow: later requests of a keep-alive connection repeat the same credentials.
        if (_pending.Count > 0 && _pending.TryGet(context.FlowId, out _))
            return FlowInterest.Packets;
        var head = payload[..HeadLength(payload)];
        if (!TryFindBasic(head, out var credentials))
            return FlowInterest.Packets;
        var user = UserName(credentials);
        var requestLine = head[..Math.Max(0, head.IndexOf("\r\n"u8))];
        var pending = new Pending(context, user, RequestWithoutQuery(requestLine));
        if (_pending.TryAdd(context.FlowId, pending))
            return FlowInterest.Packets;
        Report(pending, null, context.TimestampNanos);
        return FlowInterest.None;
    }

    public void OnFlowEnd(in FlowSummary flow)
    {
        if (_pending.Remove(flow.FlowId, out var waiting) && !waiting.Reported)
            Report(waiting, null, flow.LastSeenNanos);
    }

    public void OnEnd()
    {
        foreach (var waiting in _pending.TakeAll().Where(w => !w.Reported))
            Report(waiting, null, waiting.First);
    }

    private void Report(Pending request, string? status, long last)
    {
        request.Reported = true;
        request.Last = last;
        var who = request.User is { Length: > 0 } user ? $"user '{user}'" : "no user name";
        sink.Report(request.Detection("http", Name, DetectionConfidence.Confirmed,
            $"HTTP Basic credentials in clear: {request.RequestLine}, {who}, password not kept; server: {status ?? "no answer seen"}", identity));
    }

    private static readonly byte[][] Methods = ["GET "u8.ToArray(), "POST "u8.ToArray(), "PUT "u8.ToArray(), "HEAD "u8.ToArray(), "DELETE "u8.ToArray(),
        "OPTIONS "u8.ToArray(), "PATCH "u8.ToArray(), "CONNECT "u8.ToArray()];

    private static bool StartsWithMethod(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4 || payload[0] is < (byte)'C' or > (byte)'P')
            return false;
        foreach (var method in Methods)
        {
            if (payload.StartsWith(method))
                return true;
        }
        return false;
    }

    private static int HeadLength(ReadOnlySpan<byte> payload)
    {
        var end = payload.IndexOf("\r\n\r\n"u8);
        return end < 0 ? payload.Length : end + 2;
    }

    /// <summary>The base64 credentials of an Authorization or Proxy-Authorization header using the Basic scheme.</summary>
    private static bool TryFindBasic(ReadOnlySpan<byte> head, out ReadOnlySpan<byte> credentials)
    {
        credentials = default;
        while (head.IndexOf("\r\n"u8) is var lineEnd and >= 0)
        {
            head = head[(lineEnd + 2)..];
            var line = head[..Math.Max(0, head.IndexOf("\r\n"u8) is var next and >= 0 ? next : head.Length)];
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
                continue;
            var name = line[..colon].Trim((byte)' ');
            if (!Ascii.EqualsIgnoreCase(name, "authorization"u8) && !Ascii.EqualsIgnoreCase(name, "proxy-authorization"u8))
                continue;
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (value.Length > 6 && Ascii.EqualsIgnoreCase(value[..6], "basic "u8))
            {
                credentials = value[6..].Trim((byte)' ');
                return true;
            }
        }
        return false;
    }

    /// <summary>The part of "user:password" before the first colon; the rest is dropped unread.</summary>
    private static string? UserName(ReadOnlySpan<byte> base64)
    {
        Span<byte> decoded = stackalloc byte[Math.Min(Base64.GetMaxDecodedFromUtf8Length(base64.Length), 512)];
        if (base64.Length > 680 || Base64.DecodeFromUtf8(base64, decoded, out _, out var written) != System.Buffers.OperationStatus.Done)
            return null;
        var plain = decoded[..written];
        var colon = plain.IndexOf((byte)':');
        var user = colon < 0 ? null : Encoding.UTF8.GetString(plain[..colon]);
        plain.Clear();
        return user is null ? null : PlaintextDetection.LoginName(Encoding.ASCII.GetBytes(user));
    }

    /// <summary>"GET /path HTTP/1.1" without the query string (it may hold tokens).</summary>
    private static string RequestWithoutQuery(ReadOnlySpan<byte> line)
    {
        var query = line.IndexOf((byte)'?');
        if (query < 0)
            return PlaintextDetection.LoginName(line);
        var version = line.LastIndexOf((byte)' ');
        return PlaintextDetection.LoginName(line[..query]) + (version > query ? PlaintextDetection.LoginName(line[version..]) : "");
    }

    private static string? Status(ReadOnlySpan<byte> answer)
    {
        if (answer.Length < 12 || !answer.StartsWith("HTTP/"u8))
            return null;
        var code = answer.Slice(9, 3);
        var text = Encoding.ASCII.GetString(code);
        return code[0] == (byte)'4' && code[1] == (byte)'0' && code[2] is (byte)'1' or (byte)'3' ? text + " refused" : code[0] is (byte)'2' or (byte)'3' ? text + " accepted" : text;
    }

    private sealed class Pending(in PayloadContext context, string? user, string requestLine) : LoginFlow(context)
    {
        public string? User { get; } = user;
        public string RequestLine { get; } = requestLine;
        public bool Reported { get; set; }
    }
}
