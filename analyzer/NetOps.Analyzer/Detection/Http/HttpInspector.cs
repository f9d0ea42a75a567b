using System.Text;
using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Protocols.Http;

namespace NetOps.Analyzer.Detectors.Http;

/// <summary>
/// HTTP/1.x on any port: a flow whose client's first payload starts with a known method is read up
/// to its first request's end of head (kept in a bounded <see cref="TcpStreamPrefix"/> when the head
/// spans segments); its Host goes to the <see cref="ServerNameRegistry"/> and an
/// <see cref="HttpRequestSummary"/> is kept for the flow. Later requests of a kept-alive flow are not read.
/// </summary>
public sealed class HttpInspector(ServerNameRegistry names) : IPayloadInspector
{
    public const int MaxHeadBytes = 8 * 1024;

    private readonly Dictionary<ulong, TcpStreamPrefix> _pending = new();
    private readonly Dictionary<ulong, HttpRequestSummary> _requests = new();

    public string Name => "http";

    public long Requests { get; private set; }

    public bool TryGetRequest(ulong flowId, out HttpRequestSummary request) => _requests.TryGetValue(flowId, out request!);

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != 6)
            return FlowInterest.None;
        if (!context.FromClient)
            return FlowInterest.Packets;
        TcpStreamPrefix? prefix;
        if (context.PayloadPacketInDirection == 1)
        {
            if (!HttpRequestReader.StartsWithMethod(payload))
                return FlowInterest.None;
            var status = HttpRequestReader.TryRead(payload, out var request);
            if (status == HttpHeadStatus.Complete || (status == HttpHeadStatus.Partial && !request.Host.IsEmpty))
            {
                Keep(context, request);
                return FlowInterest.End;
            }
            prefix = new TcpStreamPrefix(MaxHeadBytes);
            _pending[context.FlowId] = prefix;
        }
        else if (!_pending.TryGetValue(context.FlowId, out prefix))
        {
            return FlowInterest.None;
        }
        var appended = prefix.Append(context.TcpSequence, payload);
        if (appended == StreamAppend.Duplicate)
            return FlowInterest.Packets;
        var result = HttpRequestReader.TryRead(prefix.Bytes, out var head);
        var done = result == HttpHeadStatus.Complete || !head.Host.IsEmpty;
        if (!done && appended == StreamAppend.Added)
            return FlowInterest.Packets;
        _pending.Remove(context.FlowId);
        if (result == HttpHeadStatus.NotHttp)
            return FlowInterest.None;
        Keep(context, head);
        return FlowInterest.End;
    }

    private void Keep(in PayloadContext context, in HttpRequestReader request)
    {
        string? host = null;
        if (!request.Host.IsEmpty)
            host = HostWithoutPort(Encoding.Latin1.GetString(request.Host)).ToLowerInvariant();
        var summary = new HttpRequestSummary(Encoding.ASCII.GetString(request.Method), host,
            request.UserAgent.IsEmpty ? null : Encoding.Latin1.GetString(request.UserAgent), request.HasBasicAuthorization);
        _requests[context.FlowId] = summary;
        Requests++;
        if (!string.IsNullOrEmpty(host))
            names.Seen(context, host, ServerNameSource.HttpHost);
    }

    /// <summary>"example.com:8080" → "example.com"; "[2001:db8::1]:80" → "2001:db8::1".</summary>
    internal static string HostWithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            return end > 0 ? host[1..end] : host;
        }
        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':') == colon ? host[..colon] : host;
    }

    public void OnFlowEnd(in FlowSummary flow)
    {
        _pending.Remove(flow.FlowId);
        _requests.Remove(flow.FlowId);
    }
}
