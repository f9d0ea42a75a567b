using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetOps.WebConsole.Health;
using NetOps.WebConsole.Pages;

namespace NetOps.WebConsole;

public sealed record ConsoleServerOptions(string ListenUrl, string DefaultLanguage);

/// <summary>The web console, hosted inside the appliance process.</summary>
public static class ConsoleServer
{
    public static WebApplication Build(ConsoleServerOptions options, IHealthSource health, ILoggerFactory? loggerFactory = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.ListenUrl);
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
            builder.Services.AddSingleton(loggerFactory);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HealthJson.Default));
        var app = builder.Build();

        app.MapGet("/api/v1/health", async (HttpContext context) =>
        {
            var report = await health.GetHealthAsync(context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(report, HealthJson.Readable.ApplianceHealth,
                statusCode: report.Status == HealthStatus.Down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        });
        app.MapGet("/api/v1/version", () =>
            Results.Json(new VersionInfo(typeof(ConsoleServer).Assembly.GetName().Version?.ToString() ?? "0.0.0"), HealthJson.Readable.VersionInfo));
        app.MapGet("/", async (HttpContext context) =>
        {
            var language = ChooseLanguage(context.Request, options.DefaultLanguage);
            if (context.Request.Query.ContainsKey("lang"))
                context.Response.Cookies.Append("lang", language, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            var report = await health.GetHealthAsync(context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(StatusPage.Render(report, language), "text/html; charset=utf-8");
        });
        return app;
    }

    /// <summary>?lang=, then the lang cookie, then Accept-Language, then the configured default.</summary>
    internal static string ChooseLanguage(HttpRequest request, string fallback)
    {
        static string? Normalize(string? value) => value switch
        {
            null or "" => null,
            _ when value.StartsWith("zh", StringComparison.OrdinalIgnoreCase) => "zh",
            _ when value.StartsWith("en", StringComparison.OrdinalIgnoreCase) => "en",
            _ => null,
        };
        var chosen = Normalize(request.Query["lang"]) ?? Normalize(request.Cookies["lang"]);
        if (chosen is not null)
            return chosen;
        foreach (var part in request.Headers.AcceptLanguage.ToString().Split(','))
        {
            var language = Normalize(part.Split(';')[0].Trim());
            if (language is not null)
                return language;
        }
        return fallback == "en" ? "en" : "zh";
    }
}
