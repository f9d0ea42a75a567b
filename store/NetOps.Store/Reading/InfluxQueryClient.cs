using System.Net;
using System.Text;
using System.Text.Json;

namespace NetOps.Store.Reading;

/// <summary>
/// Runs InfluxQL over <c>/query</c> (POST, so writes like CREATE work too), asking for epoch
/// timestamps and chunked responses; chunks of one series are merged. A server or statement error
/// is raised as <see cref="InfluxQueryException"/> carrying the server's own message.
/// </summary>
public sealed class InfluxQueryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public InfluxQueryClient(InfluxEndpoint endpoint, HttpClient? http = null, TimeSpan? timeout = null)
    {
        Endpoint = endpoint;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    public InfluxEndpoint Endpoint { get; }

    public async Task<IReadOnlyList<StatementResult>> QueryAsync(string influxql, Epoch epoch = Epoch.Nanoseconds,
        bool throwOnStatementError = true, int chunkSize = 10000, string? database = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint.QueryUri);
        Endpoint.Authorize(request);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["q"] = influxql,
            ["db"] = database ?? Endpoint.Database,
            ["epoch"] = EpochParameter(epoch),
            ["chunked"] = "true",
            ["chunk_size"] = chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InfluxQueryException($"InfluxDB answered {(int)response.StatusCode} to \"{Shorten(influxql)}\": {ServerMessage(body) ?? response.StatusCode.ToString()}",
                (int)response.StatusCode);
        }
        var results = new SortedDictionary<int, StatementResult>();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            MergeChunk(line, results, influxql);
        }
        var list = results.Values.ToList();
        if (throwOnStatementError && list.FirstOrDefault(r => r.Error is not null) is { } failed)
            throw new InfluxQueryException($"InfluxDB could not run statement {failed.StatementId} of \"{Shorten(influxql)}\": {failed.Error}");
        return list;
    }

    /// <summary>Runs one statement and returns its result.</summary>
    public async Task<StatementResult> QuerySingleAsync(string influxql, Epoch epoch = Epoch.Nanoseconds, CancellationToken cancellationToken = default)
    {
        var results = await QueryAsync(influxql, epoch, cancellationToken: cancellationToken).ConfigureAwait(false);
        return results.Count > 0 ? results[0] : new StatementResult(0);
    }

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    /// <summary>Quotes an identifier for InfluxQL.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Quotes a string literal for InfluxQL.</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private static void MergeChunk(string json, SortedDictionary<int, StatementResult> results, string influxql)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var topError))
            throw new InfluxQueryException($"InfluxDB failed while answering \"{Shorten(influxql)}\": {topError.GetString()}");
        if (!root.TryGetProperty("results", out var statements))
            return;
        foreach (var statement in statements.EnumerateArray())
        {
            var id = statement.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : 0;
            if (!results.TryGetValue(id, out var result))
                results[id] = result = new StatementResult(id);
            if (statement.TryGetProperty("error", out var error))
                result.Error = error.GetString();
            if (!statement.TryGetProperty("series", out var seriesArray))
                continue;
            foreach (var series in seriesArray.EnumerateArray())
                MergeSeries(result, series);
        }
    }

    private static void MergeSeries(StatementResult result, JsonElement series)
    {
        var name = series.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (series.TryGetProperty("tags", out var tagObject))
        {
            foreach (var tag in tagObject.EnumerateObject())
                tags[tag.Name] = tag.Value.GetString() ?? "";
        }
        var columns = series.TryGetProperty("columns", out var c) ? c.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        // A chunked answer repeats a series across chunks; the last one seen with the same name and tags continues.
        var target = result.Series.Count > 0 && result.Series[^1].Name == name && SameTags(result.Series[^1].Tags, tags)
            ? result.Series[^1]
            : null;
        if (target is null)
        {
            target = new QuerySeries(name, tags, columns);
            result.Series.Add(target);
        }
        if (!series.TryGetProperty("values", out var values))
            return;
        foreach (var row in values.EnumerateArray())
        {
            var cells = new object?[target.Columns.Count];
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (i < cells.Length)
                    cells[i] = QuerySeries.ReadValue(cell);
                i++;
            }
            target.Rows.Add(cells);
        }
    }

    private static bool SameTags(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static string EpochParameter(Epoch epoch) => epoch switch
    {
        Epoch.Nanoseconds => "ns",
        Epoch.Microseconds => "u",
        Epoch.Milliseconds => "ms",
        Epoch.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(epoch)),
    };

    private static string? ServerMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("error", out var e))
                return e.GetString();
        }
        catch (JsonException)
        {
        }
        return string.IsNullOrWhiteSpace(body) ? null : body.Trim();
    }

    private static string Shorten(string query) => query.Length <= 200 ? query : query[..200] + "…";
}
