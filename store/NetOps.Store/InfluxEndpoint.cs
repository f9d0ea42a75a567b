using System.Net.Http.Headers;
using System.Text;

namespace NetOps.Store;

/// <summary>
/// Where and how to reach one InfluxDB server over the v1 HTTP API (<c>/write</c>, <c>/query</c>,
/// <c>/ping</c>), which InfluxDB 1.x, 2.x (with a DBRP mapping) and 3.x accept. Credentials are
/// sent as headers (v2/v3 token or v1 basic auth) and never appear in <see cref="ToString"/>.
/// </summary>
public sealed class InfluxEndpoint
{
    public InfluxEndpoint(Uri baseUrl, string database, string? token = null, string? username = null, string? password = null)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"InfluxDB URL must be an absolute http or https URL, got '{Redact(baseUrl)}'.", nameof(baseUrl));
        if (string.IsNullOrWhiteSpace(database))
            throw new ArgumentException("Database name must not be empty.", nameof(database));
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        Database = database;
        Token = string.IsNullOrEmpty(token) ? null : token;
        Username = string.IsNullOrEmpty(username) ? null : username;
        Password = password;
    }

    public Uri BaseUrl { get; }
    public string Database { get; }
    internal string? Token { get; }
    internal string? Username { get; }
    internal string? Password { get; }

    /// <summary>The URL with any user information removed, safe for logs and pages.</summary>
    public string DisplayUrl => Redact(BaseUrl);

    public Uri WriteUri(string? retentionPolicy)
    {
        var query = new StringBuilder("write?db=").Append(Uri.EscapeDataString(Database)).Append("&precision=ns");
        if (!string.IsNullOrEmpty(retentionPolicy))
            query.Append("&rp=").Append(Uri.EscapeDataString(retentionPolicy));
        return new Uri(BaseUrl, query.ToString());
    }

    public Uri QueryUri => new(BaseUrl, "query");
    public Uri PingUri => new(BaseUrl, "ping");

    public void Authorize(HttpRequestMessage request)
    {
        if (Token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", Token);
        else if (Username is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + (Password ?? ""))));
    }

    public override string ToString() => $"{DisplayUrl} db={Database}";

    private static string Redact(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.ToString() : uri.ToString().Replace(uri.UserInfo + "@", "", StringComparison.Ordinal);
}
