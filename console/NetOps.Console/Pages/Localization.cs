namespace NetOps.WebConsole.Pages;

/// <summary>Every string the console shows, in Chinese and English.</summary>
internal static class Localization
{
    private static readonly Dictionary<string, string> Zh = new()
    {
        ["title"] = "NetOps 校园网络与安全运营",
        ["status"] = "总体状态",
        ["ok"] = "正常",
        ["degraded"] = "降级",
        ["down"] = "故障",
        ["store"] = "数据存储",
        ["name"] = "名称",
        ["url"] = "地址",
        ["database"] = "数据库",
        ["reachable"] = "可达",
        ["state"] = "状态",
        ["spool"] = "本地缓存",
        ["stored"] = "已写入（行）",
        ["dropped"] = "已丢弃（行）",
        ["last_stored"] = "最近写入时间",
        ["last_error"] = "最近错误",
        ["yes"] = "是",
        ["no"] = "否",
        ["never"] = "从未",
        ["version"] = "版本",
        ["uptime"] = "运行时间",
        ["checked"] = "检查时间",
        ["switch"] = "English",
        ["delivering"] = "正常写入",
        ["retrying"] = "重试中",
        ["spooling"] = "本地缓存中",
        ["spool_full"] = "缓存已满",
        ["rejecting"] = "服务器拒绝写入",
        ["refresh"] = "每 10 秒自动刷新",
    };

    private static readonly Dictionary<string, string> En = new()
    {
        ["title"] = "NetOps campus network and security operations",
        ["status"] = "Overall status",
        ["ok"] = "OK",
        ["degraded"] = "Degraded",
        ["down"] = "Down",
        ["store"] = "Data store",
        ["name"] = "Name",
        ["url"] = "Address",
        ["database"] = "Database",
        ["reachable"] = "Reachable",
        ["state"] = "State",
        ["spool"] = "Spool",
        ["stored"] = "Stored (lines)",
        ["dropped"] = "Dropped (lines)",
        ["last_stored"] = "Last stored",
        ["last_error"] = "Last error",
        ["yes"] = "yes",
        ["no"] = "no",
        ["never"] = "never",
        ["version"] = "Version",
        ["uptime"] = "Uptime",
        ["checked"] = "Checked at",
        ["switch"] = "中文",
        ["delivering"] = "delivering",
        ["retrying"] = "retrying",
        ["spooling"] = "spooling to disk",
        ["spool_full"] = "spool full",
        ["rejecting"] = "server rejecting writes",
        ["refresh"] = "refreshes every 10 s",
    };

    public static string Text(string language, string key) =>
        (language == "en" ? En : Zh).TryGetValue(key, out var text) ? text : key;
}
