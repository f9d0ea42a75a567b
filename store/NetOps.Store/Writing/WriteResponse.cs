using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetOps.Store.Writing;

public enum WriteOutcome
{
    /// <summary>Every line is stored.</summary>
    Stored,
    /// <summary>The server stored some lines and refused others (HTTP 400 "partial write"); never retried.</summary>
    PartiallyStored,
    /// <summary>The server refused the batch as malformed (HTTP 400); never retried.</summary>
    Rejected,
    /// <summary>The body is larger than the server accepts (HTTP 413); split and send again.</summary>
    TooLarge,
    /// <summary>Network error, 429, 5xx, or a server not ready for us (auth, missing database): try later.</summary>
    Retry,
}

/// <summary>How one <c>/write</c> answer is classified.</summary>
public sealed partial record WriteResponse(WriteOutcome Outcome, HttpStatusCode? Status, string? Message, int DroppedLines, TimeSpan? RetryAfter, string? ServerVersion)
{
    public static WriteResponse FromNetworkError(Exception error) =>
        new(WriteOutcome.Retry, null, error.GetBaseException().Message, 0, null, null);

    public static WriteResponse Classify(HttpStatusCode status, string? body, TimeSpan? retryAfter, string? serverVersion, int batchLines)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
            return new(WriteOutcome.Stored, status, null, 0, null, serverVersion);
        var message = ErrorMessage(body);
        if (status == HttpStatusCode.RequestEntityTooLarge)
            return new(WriteOutcome.TooLarge, status, message, 0, null, serverVersion);
        if (status == HttpStatusCode.BadRequest)
        {
            if (message is not null && message.Contains("partial write", StringComparison.OrdinalIgnoreCase))
                return new(WriteOutcome.PartiallyStored, status, message, Math.Min(batchLines, CountDropped(message)), null, serverVersion);
            return new(WriteOutcome.Rejected, status, message, batchLines, null, serverVersion);
        }
        // 429, 5xx, 401/403 (credentials being fixed), 404 (database not created yet): the data stays spooled.
        return new(WriteOutcome.Retry, status, message ?? status.ToString(), 0, retryAfter, serverVersion);
    }

    /// <summary>
    /// InfluxDB reports points it refused to store as <c>dropped=N</c> and lines it could not parse
    /// (which it does not count in dropped) as <c>unable to parse '...'</c>; both are lost lines.
    /// </summary>
    internal static int CountDropped(string message)
    {
        var dropped = 0;
        foreach (Match match in DroppedPattern().Matches(message))
            dropped += int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        dropped += UnparsablePattern().Count(message);
        return dropped;
    }

    private static string? ErrorMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                    return error.GetString();
                if (doc.RootElement.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.String)
                    return msg.GetString();
            }
        }
        catch (JsonException)
        {
        }
        return body.Length > 2000 ? body[..2000] : body.Trim();
    }

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex DroppedPattern();

    [GeneratedRegex(@"unable to parse '")]
    private static partial Regex UnparsablePattern();
}
