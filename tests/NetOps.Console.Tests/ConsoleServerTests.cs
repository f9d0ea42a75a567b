using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using NetOps.WebConsole;
using NetOps.WebConsole.Health;

namespace NetOps.Console.Tests;

public sealed class ConsoleServerTests : IAsyncLifetime
{
    private readonly FixedHealth _health = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = ConsoleServer.Build(new ConsoleServerOptions("http://127.0.0.1:0", "zh"), _health);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task HealthIsJsonWithTheStoreOfEverySink()
    {
        _health.Sinks = [Sink("school", reachable: true, "delivering"), Sink("county", reachable: false, "spooling")];
        using var response = await _http.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal("lab-school", json.GetProperty("school").GetString());
        var county = json.GetProperty("store")[1];
        Assert.Equal("county", county.GetProperty("name").GetString());
        Assert.False(county.GetProperty("reachable").GetBoolean());
        Assert.Equal("spooling", county.GetProperty("state").GetString());
        Assert.Equal(4096, county.GetProperty("spoolBytes").GetInt64());
        Assert.True(DateTimeOffset.TryParse(json.GetProperty("checkedAt").GetString(), out _));
    }

    [Fact]
    public async Task HealthIs503WhenTheSchoolsOwnStoreCanTakeNothing()
    {
        _health.Sinks = [Sink("school", reachable: false, "spool_full")];
        using var response = await _http.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"down\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void StatusFollowsTheDocumentedRule()
    {
        Assert.Equal(HealthStatus.Ok, ApplianceHealth.Derive([Sink("school", true, "delivering")]));
        Assert.Equal(HealthStatus.Degraded, ApplianceHealth.Derive([Sink("school", true, "delivering"), Sink("county", false, "retrying")]));
        Assert.Equal(HealthStatus.Degraded, ApplianceHealth.Derive([Sink("school", false, "spooling")]));
        Assert.Equal(HealthStatus.Degraded, ApplianceHealth.Derive([Sink("school", true, "rejecting")]));
        Assert.Equal(HealthStatus.Down, ApplianceHealth.Derive([Sink("school", false, "spool_full")]));
        Assert.Equal(HealthStatus.Down, ApplianceHealth.Derive([]));
    }

    [Theory]
    [InlineData("/?lang=en", null, null, "en")]
    [InlineData("/?lang=zh", null, null, "zh")]
    [InlineData("/", "en", null, "en")]
    [InlineData("/", null, "en-US,en;q=0.9", "en")]
    [InlineData("/", null, "zh-CN,zh;q=0.9", "zh")]
    [InlineData("/", null, null, "zh")]
    public async Task ThePageSpeaksTheChosenLanguage(string path, string? cookie, string? acceptLanguage, string expected)
    {
        _health.Sinks = [Sink("school", true, "delivering")];
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
            request.Headers.Add("Cookie", "lang=" + cookie);
        if (acceptLanguage is not null)
            request.Headers.Add("Accept-Language", acceptLanguage);
        using var response = await _http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        if (expected == "en")
        {
            Assert.Contains("<html lang=\"en\">", html);
            Assert.Contains("Overall status", html);
            Assert.Contains(">OK<", html);
            Assert.Contains("delivering", html);
        }
        else
        {
            Assert.Contains("<html lang=\"zh-CN\">", html);
            Assert.Contains("总体状态", html);
            Assert.Contains(">正常<", html);
            Assert.Contains("正常写入", html);
        }
        Assert.Contains("实验学校", html);
    }

    [Fact]
    public async Task HostileTextIsEncoded()
    {
        _health.Sinks = [Sink("school", false, "retrying") with { LastError = "<script>alert('x')</script>" }];
        var html = await _http.GetStringAsync("/?lang=en");
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("retrying", html);
    }

    [Fact]
    public async Task UnknownPathsAre404()
    {
        using var response = await _http.GetAsync("/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static StoreSinkHealth Sink(string name, bool reachable, string state) =>
        new(name, $"http://{name}.example:8086/", "netops", reachable, "1.6.7", state, 4096, 1 << 30, 1, 1000, 990, 0,
            DateTimeOffset.UtcNow.AddSeconds(-3), null);

    private sealed class FixedHealth : IHealthSource
    {
        public IReadOnlyList<StoreSinkHealth> Sinks { get; set; } = [];

        public ValueTask<ApplianceHealth> GetHealthAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ApplianceHealth(ApplianceHealth.Derive(Sinks), "lab-school", "实验学校", "1.0.0",
                DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), Sinks));
    }
}
