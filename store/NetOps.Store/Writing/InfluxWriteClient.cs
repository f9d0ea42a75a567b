using System.Net;
using System.Net.Http.Headers;

namespace NetOps.Store.Writing;

/// <summary>Posts one body to <c>/write</c> and classifies the answer; never throws for server or network trouble.</summary>
internal sealed class InfluxWriteClient(HttpClient http, InfluxEndpoint endpoint)
{
    public async Task<WriteResponse> PostAsync(string? retentionPolicy, ReadOnlyMemory<byte> body, bool gzip, int lines, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.WriteUri(retentionPolicy));
        endpoint.Authorize(request);
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (gzip)
            content.Headers.ContentEncoding.Add("gzip");
        request.Content = content;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = response.StatusCode == HttpStatusCode.NoContent
                ? null
                : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return WriteResponse.Classify(response.StatusCode, text, RetryAfter(response), Version(response), lines);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return WriteResponse.FromNetworkError(e);
        }
    }

    public async Task<(bool Reachable, string? Version, string? Error)> PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.PingUri);
        endpoint.Authorize(request);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? (true, Version(response), null)
                : (true, Version(response), $"ping answered {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, null, e.GetBaseException().Message);
        }
    }

    private static string? Version(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Influxdb-Version", out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
            return null;
        if (header.Delta is { } delta)
            return delta;
        if (header.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
