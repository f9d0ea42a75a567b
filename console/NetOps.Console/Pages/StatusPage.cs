using System.Globalization;
using System.Net;
using System.Text;
using NetOps.WebConsole.Health;

namespace NetOps.WebConsole.Pages;

/// <summary>The server-rendered status page: overall health and the state of each store sink.</summary>
internal static class StatusPage
{
    public static string Render(ApplianceHealth health, string language)
    {
        string T(string key) => Localization.Text(language, key);
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var (badgeClass, badge) = health.Status switch
        {
            HealthStatus.Ok => ("ok", T("ok")),
            HealthStatus.Degraded => ("degraded", T("degraded")),
            _ => ("down", T("down")),
        };
        var other = language == "en" ? "zh" : "en";
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{(language == "en" ? "en" : "zh-CN")}">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="10">
            <title>{E(T("title"))} — {E(health.SchoolName)}</title>
            <style>
            body {"{"} font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", system-ui, sans-serif; margin: 2rem; color: #1f2937; {"}"}
            h1 {"{"} font-size: 1.4rem; margin-bottom: .2rem; {"}"}
            .meta {"{"} color: #6b7280; font-size: .85rem; {"}"}
            .badge {"{"} display: inline-block; padding: .2rem .7rem; border-radius: 1rem; color: #fff; font-weight: 600; {"}"}
            .ok {"{"} background: #16a34a; {"}"} .degraded {"{"} background: #d97706; {"}"} .down {"{"} background: #dc2626; {"}"}
            table {"{"} border-collapse: collapse; margin-top: 1rem; {"}"}
            th, td {"{"} border: 1px solid #e5e7eb; padding: .4rem .7rem; text-align: left; font-size: .9rem; {"}"}
            th {"{"} background: #f3f4f6; {"}"}
            td.num {"{"} text-align: right; font-variant-numeric: tabular-nums; {"}"}
            </style>
            </head>
            <body>
            <p style="float:right"><a href="?lang={other}">{E(T("switch"))}</a></p>
            <h1>{E(T("title"))}</h1>
            <p><strong>{E(health.SchoolName)}</strong> ({E(health.School)})</p>
            <p>{E(T("status"))}: <span class="badge {badgeClass}">{E(badge)}</span></p>
            <h2>{E(T("store"))}</h2>
            <table>
            <tr><th>{E(T("name"))}</th><th>{E(T("url"))}</th><th>{E(T("database"))}</th><th>{E(T("reachable"))}</th><th>{E(T("state"))}</th><th>{E(T("spool"))}</th><th>{E(T("stored"))}</th><th>{E(T("dropped"))}</th><th>{E(T("last_stored"))}</th><th>{E(T("last_error"))}</th></tr>
            """);
        foreach (var sink in health.Store)
        {
            var percent = sink.SpoolCapacityBytes > 0 ? 100.0 * sink.SpoolBytes / sink.SpoolCapacityBytes : 0;
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{E(sink.Name)}</td><td>{E(sink.Url)}</td><td>{E(sink.Database)}</td><td>{E(T(sink.Reachable ? "yes" : "no"))}</td><td>{E(T(sink.State))}</td><td class="num">{E(Humanize(sink.SpoolBytes))} ({percent:0.#}%)</td><td class="num">{sink.LinesStored:N0}</td><td class="num">{sink.LinesDropped:N0}</td><td>{E(sink.LastStoredAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? T("never"))}</td><td>{E(sink.LastError)}</td></tr>

                """);
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            </table>
            <p class="meta">{E(T("version"))} {E(health.Version)} · {E(T("uptime"))} {health.Uptime:d\.hh\:mm\:ss} · {E(T("checked"))} {health.CheckedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss} · {E(T("refresh"))}</p>
            </body>
            </html>
            """);
        return html.ToString();
    }

    public static string Humanize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
