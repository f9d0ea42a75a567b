using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetOps.Configuration;

/// <summary>
/// Loads config/netops.yaml. Every problem in the file — unknown or duplicate keys, wrong types,
/// values out of range, bad URLs, retention under the legal minimum — is reported at once, each
/// with its file, line, column and key path. Relative paths are resolved against the base folder.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Cybersecurity Law art. 21: network logs are kept at least six months.</summary>
    public static readonly TimeSpan LegalMinimumRetention = TimeSpan.FromDays(180);

    public static NetOpsConfig Load(string path, string baseDirectory)
    {
        if (!File.Exists(path))
            throw new ConfigException([new ConfigError(path, 0, 0, "", "file not found")]);
        return Parse(File.ReadAllText(path), path, baseDirectory);
    }

    /// <summary>The file at <paramref name="path"/>, or the built-in lab configuration when there is none.</summary>
    public static NetOpsConfig LoadOrDefault(string? path, string baseDirectory) =>
        path is not null && File.Exists(path) ? Load(path, baseDirectory) : Parse("", "(built-in lab)", baseDirectory);

    public static NetOpsConfig Parse(string yamlText, string sourceName, string baseDirectory)
    {
        var reader = new YamlNodeReader(sourceName);
        CheckSyntax(yamlText, sourceName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            // The representation model refuses duplicate keys (and anchors it cannot resolve).
            throw new ConfigException([new ConfigError(sourceName, (int)e.Start.Line, (int)e.Start.Column, "", e.Message.Replace("Duplicate key", "duplicate key", StringComparison.Ordinal))]);
        }
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        var config = Bind(reader, root, baseDirectory);
        if (reader.Errors.Count > 0)
            throw new ConfigException(reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        return config;
    }

    /// <summary>
    /// Walks the YAML events once so a syntax error is reported with a position; YamlDotNet throws
    /// a bare InvalidOperationException for some malformed input, which gets the last good position.
    /// </summary>
    private static void CheckSyntax(string yamlText, string sourceName)
    {
        var parser = new Parser(new StringReader(yamlText));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
                last = parser.Current?.End ?? last;
        }
        catch (YamlException e)
        {
            throw new ConfigException([new ConfigError(sourceName, (int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + (e.InnerException?.Message ?? e.Message))]);
        }
        catch (InvalidOperationException)
        {
            throw new ConfigException([new ConfigError(sourceName, (int)last.Line, (int)last.Column, "", "YAML syntax error after this point (an unclosed bracket or quote?)")]);
        }
    }

    private static NetOpsConfig Bind(YamlNodeReader r, YamlNode? root, string baseDirectory)
    {
        var defaults = new NetOpsConfig();
        var top = r.Mapping(root, "", "site", "store", "console", "logging", "collector");

        var siteMap = r.Mapping(Get(top, "site"), "site", "school", "name");
        var site = new SiteConfig
        {
            School = r.String(siteMap, "school", "site", defaults.Site.School, v => TagSafe().IsMatch(v) ? null : "may only use letters, digits, '_', '.' and '-'"),
            Name = r.String(siteMap, "name", "site", defaults.Site.Name, v => v.Trim().Length > 0 ? null : "must not be empty"),
        };

        var store = BindStore(r, r.Mapping(Get(top, "store"), "store", "database", "retention", "local", "batch", "retry", "request_timeout", "gzip", "sinks"), baseDirectory);

        var consoleMap = r.Mapping(Get(top, "console"), "console", "listen", "language");
        var console = new ConsoleConfig
        {
            Listen = r.String(consoleMap, "listen", "console", defaults.Console.Listen, CheckHttpUrl),
            Language = r.OneOf(consoleMap, "language", "console", defaults.Console.Language, "zh", "en"),
        };

        var loggingMap = r.Mapping(Get(top, "logging"), "logging", "level", "dir", "retain_days");
        var logging = new LoggingConfig
        {
            Level = r.OneOf(loggingMap, "level", "logging", defaults.Logging.Level, "verbose", "debug", "information", "warning", "error", "fatal"),
            Dir = Resolve(baseDirectory, r.String(loggingMap, "dir", "logging", defaults.Logging.Dir, NonEmpty)),
            RetainDays = r.Int(loggingMap, "retain_days", "logging", defaults.Logging.RetainDays, 1, 3650),
        };

        var collectorMap = r.Mapping(Get(top, "collector"), "collector", "self_monitor_interval", "traps", "snmp", "capture", "radius_accounting");
        var collector = new CollectorConfig
        {
            SelfMonitorInterval = r.Duration(collectorMap, "self_monitor_interval", "collector", defaults.Collector.SelfMonitorInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            Traps = BindTraps(r, r.Mapping(Get(collectorMap, "traps"), "collector.traps", "enabled", "listen", "communities", "users")),
            Snmp = BindSnmp(r, r.Mapping(Get(collectorMap, "snmp"), "collector.snmp", "interval", "max_concurrent", "devices", "lab", "lab_listen")),
            Capture = CaptureSettings.Bind(r, r.Mapping(Get(collectorMap, "capture"), CaptureSettings.Path, CaptureSettings.Keys)),
            RadiusAccounting = RadiusAccountingSettings.Bind(r, r.Mapping(Get(collectorMap, "radius_accounting"), RadiusAccountingSettings.Path, RadiusAccountingSettings.Keys)),
        };

        return new NetOpsConfig { Site = site, Store = store, Console = console, Logging = logging, Collector = collector };
    }

    private static StoreConfig BindStore(YamlNodeReader r, Dictionary<string, YamlNode>? map, string baseDirectory)
    {
        var d = new StoreConfig();
        const string path = "store";
        var retentionMap = r.Mapping(Get(map, "retention"), "store.retention", "raw", "rollup", "events");
        const string legal = "the law asks network logs be kept at least 180 days";
        var retention = new RetentionConfig
        {
            Raw = r.Duration(retentionMap, "raw", "store.retention", d.Retention.Raw, TimeSpan.FromDays(1), TimeSpan.FromDays(36500)),
            Rollup = r.Duration(retentionMap, "rollup", "store.retention", d.Retention.Rollup, LegalMinimumRetention, TimeSpan.FromDays(36500), legal),
            Events = r.Duration(retentionMap, "events", "store.retention", d.Retention.Events, LegalMinimumRetention, TimeSpan.FromDays(36500), legal),
        };

        var localMap = r.Mapping(Get(map, "local"), "store.local", "enabled", "listen", "allow_remote", "data_dir");
        var allowRemote = r.Bool(localMap, "allow_remote", "store.local", false);
        var local = new LocalStoreConfig
        {
            Enabled = r.Bool(localMap, "enabled", "store.local", d.Local.Enabled),
            AllowRemote = allowRemote,
            Listen = r.String(localMap, "listen", "store.local", d.Local.Listen, v => CheckListen(v, allowRemote)),
            DataDir = Resolve(baseDirectory, r.String(localMap, "data_dir", "store.local", d.Local.DataDir, NonEmpty)),
        };

        var batchMap = r.Mapping(Get(map, "batch"), "store.batch", "max_lines", "max_bytes", "flush_interval");
        var batch = new BatchConfig
        {
            MaxLines = r.Int(batchMap, "max_lines", "store.batch", d.Batch.MaxLines, 1, 1_000_000),
            MaxBytes = r.Size(batchMap, "max_bytes", "store.batch", d.Batch.MaxBytes, 4 * 1024, 64L * 1024 * 1024),
            FlushInterval = r.Duration(batchMap, "flush_interval", "store.batch", d.Batch.FlushInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)),
        };

        var retryMap = r.Mapping(Get(map, "retry"), "store.retry", "initial_delay", "max_delay");
        var initial = r.Duration(retryMap, "initial_delay", "store.retry", d.Retry.InitialDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        var maxDelay = r.Duration(retryMap, "max_delay", "store.retry", d.Retry.MaxDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        if (maxDelay < initial && retryMap is not null && retryMap.TryGetValue("max_delay", out var maxNode))
            r.Error(maxNode, "store.retry.max_delay", "must not be shorter than initial_delay");

        var database = r.String(map, "database", path, d.Database, v => DatabaseSafe().IsMatch(v) ? null : "may only use letters, digits, '_' and '-'");
        var sinks = BindSinks(r, r.Sequence(map, "sinks", path), local, baseDirectory);
        return new StoreConfig
        {
            Database = database,
            Retention = retention,
            Local = local,
            Batch = batch,
            Retry = new RetryConfig { InitialDelay = initial, MaxDelay = maxDelay },
            RequestTimeout = r.Duration(map, "request_timeout", path, d.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            Gzip = r.OneOf(map, "gzip", path, "auto", "auto", "true", "false") switch { "true" => true, "false" => false, _ => null },
            Sinks = sinks,
        };
    }

    private static List<SinkConfig> BindSinks(YamlNodeReader r, YamlSequenceNode? sequence, LocalStoreConfig local, string baseDirectory)
    {
        if (sequence is null || sequence.Children.Count == 0)
        {
            // The school's own store: the local influxd.
            return [new SinkConfig { Name = "school", Url = "http://" + local.Listen, Spool = new SpoolConfig { Dir = Resolve(baseDirectory, "var/spool/school") } }];
        }
        var sinks = new List<SinkConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var node = sequence.Children[i];
            var path = $"store.sinks[{i}]";
            var map = r.Mapping(node, path, "name", "url", "database", "retention_policy", "token", "username", "password", "manage_layout", "spool");
            var d = new SinkConfig();
            var name = r.String(map, "name", path, i == 0 ? d.Name : $"sink{i}", v => SinkName().IsMatch(v) ? null : "may only use a-z, 0-9, '_' and '-'");
            if (!seen.Add(name))
                r.Error(map is not null && map.TryGetValue("name", out var n) ? n : node, path + ".name", $"'{name}' is used by another sink");
            var spoolMap = r.Mapping(Get(map, "spool"), path + ".spool", "dir", "max_size", "when_full");
            var username = r.String(map, "username", path, "");
            var password = r.String(map, "password", path, "");
            if (password.Length > 0 && username.Length == 0 && map is not null)
                r.Error(map["password"], path + ".password", "needs username too");
            sinks.Add(new SinkConfig
            {
                Name = name,
                Url = r.String(map, "url", path, i == 0 ? "http://" + local.Listen : d.Url, CheckHttpUrl),
                Database = r.String(map, "database", path, "", v => v.Length == 0 || DatabaseSafe().IsMatch(v) ? null : "may only use letters, digits, '_' and '-'"),
                RetentionPolicy = r.String(map, "retention_policy", path, ""),
                Token = r.String(map, "token", path, ""),
                Username = username,
                Password = password,
                ManageLayout = r.Bool(map, "manage_layout", path, d.ManageLayout),
                Spool = new SpoolConfig
                {
                    Dir = Resolve(baseDirectory, r.String(spoolMap, "dir", path + ".spool", "") is { Length: > 0 } dir ? dir : $"var/spool/{name}"),
                    MaxSize = r.Size(spoolMap, "max_size", path + ".spool", d.Spool.MaxSize, 1024L * 1024, 1024L * 1024 * 1024 * 1024),
                    WhenFull = r.OneOf(spoolMap, "when_full", path + ".spool", d.Spool.WhenFull, "block", "drop_newest"),
                },
            });
        }
        return sinks;
    }

    private static SnmpPollingConfig BindSnmp(YamlNodeReader r, Dictionary<string, YamlNode>? map)
    {
        const string path = "collector.snmp";
        var d = new SnmpPollingConfig();
        var devices = new List<SnmpDeviceConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (r.Sequence(map, "devices", path) is { } sequence)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var p = $"{path}.devices[{i}]";
                var m = r.Mapping(sequence.Children[i], p, "name", "address", "role", "location", "version", "community", "user", "auth", "auth_password", "priv", "priv_password", "context");
                var version = r.OneOf(m, "version", p, "v2c", "v1", "v2c", "v3");
                var user = BindUser(r, m, p);
                var device = new SnmpDeviceConfig
                {
                    Name = r.String(m, "name", p, "", v => TagSafe().IsMatch(v) ? null : "may only use letters, digits, '_', '.' and '-'"),
                    Address = r.String(m, "address", p, "", v => System.Net.IPEndPoint.TryParse(v, out _) ? null : "is not an IP address with an optional :port"),
                    Role = r.OneOf(m, "role", p, "access", "core", "distribution", "access", "wireless_controller", "ap", "firewall", "egress"),
                    Location = r.String(m, "location", p, ""),
                    Version = version,
                    Community = r.String(m, "community", p, ""),
                    User = user,
                    Context = r.String(m, "context", p, ""),
                };
                if (m is not null && !names.Add(device.Name) && m.TryGetValue("name", out var nameNode))
                    r.Error(nameNode, p + ".name", $"'{device.Name}' is used by another device");
                if (m is not null && version != "v3" && device.Community.Length == 0)
                    r.Error(sequence.Children[i], p, "needs a community (or version: v3 with a user)");
                if (m is not null && version == "v3" && user.Name.Length == 0)
                    r.Error(sequence.Children[i], p, "SNMPv3 needs user");
                devices.Add(device);
            }
        }
        return new SnmpPollingConfig
        {
            Interval = r.Duration(map, "interval", path, d.Interval, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)),
            MaxConcurrent = r.Int(map, "max_concurrent", path, d.MaxConcurrent, 1, 4096),
            Devices = devices,
            Lab = r.Bool(map, "lab", path, d.Lab),
            LabListen = r.String(map, "lab_listen", path, d.LabListen, v => CheckListen(v, allowRemote: false)),
        };
    }

    /// <summary>SNMPv3 credentials: name as <c>user</c>, then auth, auth_password, priv, priv_password (shared by devices and trap users).</summary>
    private static SnmpUserConfig BindUser(YamlNodeReader r, Dictionary<string, YamlNode>? m, string p, string nameKey = "user")
    {
        var auth = r.OneOf(m, "auth", p, "", "", "MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512");
        var priv = r.OneOf(m, "priv", p, "", "", "DES", "AES", "AES-192", "AES-256", "AES-192-C", "AES-256-C");
        var user = new SnmpUserConfig
        {
            Name = r.String(m, nameKey, p, ""),
            Auth = auth,
            AuthPassword = r.String(m, "auth_password", p, "", v => auth.Length > 0 && v.Length < 8 ? "must be at least 8 characters (net-snmp's minimum)" : null),
            Priv = priv,
            PrivPassword = r.String(m, "priv_password", p, "", v => priv.Length > 0 && v.Length < 8 ? "must be at least 8 characters (net-snmp's minimum)" : null),
        };
        if (priv.Length > 0 && auth.Length == 0 && m is not null && m.TryGetValue("priv", out var privNode))
            r.Error(privNode, p + ".priv", "privacy needs authentication too (set auth)");
        return user;
    }

    private static TrapsConfig BindTraps(YamlNodeReader r, Dictionary<string, YamlNode>? map)
    {
        const string path = "collector.traps";
        var d = new TrapsConfig();
        var users = new List<SnmpUserConfig>();
        if (r.Sequence(map, "users", path) is { } sequence)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var userPath = $"{path}.users[{i}]";
                var u = r.Mapping(sequence.Children[i], userPath, "name", "auth", "auth_password", "priv", "priv_password");
                var user = BindUser(r, u, userPath, nameKey: "name");
                if (user.Name.Length == 0 && u is not null)
                    r.Error(sequence.Children[i], userPath + ".name", "must not be empty");
                users.Add(user);
            }
        }
        return new TrapsConfig
        {
            Enabled = r.Bool(map, "enabled", path, d.Enabled),
            Listen = r.String(map, "listen", path, d.Listen, v => CheckListen(v, allowRemote: true)),
            Communities = r.StringList(map, "communities", path) ?? d.Communities,
            Users = users,
        };
    }

    private static YamlNode? Get(Dictionary<string, YamlNode>? map, string key) =>
        map is not null && map.TryGetValue(key, out var node) ? node : null;

    private static string Resolve(string baseDirectory, string path) => Path.GetFullPath(Path.Combine(baseDirectory, path));

    private static string? NonEmpty(string value) => value.Trim().Length > 0 ? null : "must not be empty";

    private static string? CheckHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? null
            : "is not an absolute http:// or https:// URL";

    internal static string? CheckListen(string value, bool allowRemote)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            return "is not host:port";
        var host = value[..colon].Trim('[', ']');
        if (!allowRemote && host != "localhost" && !(IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)))
            return "is not a loopback address; set store.local.allow_remote: true to expose the store";
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex TagSafe();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex DatabaseSafe();

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex SinkName();
}
