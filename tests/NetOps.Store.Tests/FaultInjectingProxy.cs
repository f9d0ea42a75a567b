using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NetOps.Store.Tests;

/// <summary>
/// Sits between the writer and a real influxd and answers the first requests with a chosen
/// failure (e.g. 429 with Retry-After, 503), then forwards everything to the server.
/// </summary>
internal sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward = new();
    private int _failuresLeft;

    private FaultInjectingProxy(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;
    private int _failed;

    public int Failed => Volatile.Read(ref _failed);
    public List<DateTime> RequestTimes { get; } = [];

    public static async Task<FaultInjectingProxy> StartAsync(Uri upstream, int failures, HttpStatusCode status, TimeSpan? retryAfter)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FaultInjectingProxy(app) { _failuresLeft = failures };
        app.Run(async context =>
        {
            lock (proxy.RequestTimes)
                proxy.RequestTimes.Add(DateTime.UtcNow);
            if (context.Request.Path.StartsWithSegments("/write") && Interlocked.Decrement(ref proxy._failuresLeft) >= 0)
            {
                // Read the body first, as influxd does, so the connection stays usable.
                await context.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref proxy._failed);
                context.Response.StatusCode = (int)status;
                if (retryAfter is { } wait)
                    context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsync("{\"error\":\"injected failure\"}");
                return;
            }
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(upstream, context.Request.Path + context.Request.QueryString));
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.Headers.ContentEncoding.Count > 0)
                request.Content.Headers.ContentEncoding.Add(context.Request.Headers.ContentEncoding.ToString());
            using var response = await proxy._forward.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Where(h => h.Key.StartsWith("X-Influxdb", StringComparison.OrdinalIgnoreCase)))
                context.Response.Headers[header.Key] = header.Value.ToArray();
            await response.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        proxy.Url = new Uri(app.Urls.First());
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}
