using NetOps.Configuration;
using NetOps.Testing;

namespace NetOps.Configuration.Tests;

public sealed class ConfigLoaderTests
{
    private const string Base = "/opt/netops";

    [Fact]
    public void AnEmptyFileIsTheBuiltInLab()
    {
        var config = ConfigLoader.Parse("", "empty.yaml", Base);
        Assert.Equal("lab-school", config.Site.School);
        Assert.Equal(TimeSpan.FromDays(30), config.Store.Retention.Raw);
        Assert.Equal(TimeSpan.FromDays(400), config.Store.Retention.Events);
        var sink = Assert.Single(config.Store.Sinks);
        Assert.Equal("school", sink.Name);
        Assert.Equal("http://127.0.0.1:8086", sink.Url);
        Assert.Equal("/opt/netops/var/spool/school", sink.Spool.Dir);
        Assert.Equal("/opt/netops/var/influxdb", config.Store.Local.DataDir);
        Assert.Equal(1024L * 1024 * 1024, sink.Spool.MaxSize);
    }

    [Fact]
    public void TheDocumentedExampleLoadsAndShowsTheDefaults()
    {
        var root = TestDirectories.RepositoryRoot();
        var example = ConfigLoader.Load(Path.Combine(root, "config", "netops.example.yaml"), root);
        var defaults = ConfigLoader.Parse("", "defaults", root);
        Assert.Equal(defaults.Site, example.Site);
        Assert.Equal(defaults.Store.Retention, example.Store.Retention);
        Assert.Equal(defaults.Store.Local, example.Store.Local);
        Assert.Equal(defaults.Store.Batch, example.Store.Batch);
        Assert.Equal(defaults.Store.Retry, example.Store.Retry);
        Assert.Equal(defaults.Console, example.Console);
        Assert.Equal(defaults.Logging, example.Logging);
        Assert.Equal(defaults.Collector.SelfMonitorInterval, example.Collector.SelfMonitorInterval);
        Assert.Equal((defaults.Collector.Traps.Enabled, defaults.Collector.Traps.Listen), (example.Collector.Traps.Enabled, example.Collector.Traps.Listen));
        Assert.Equal(defaults.Collector.Traps.Communities, example.Collector.Traps.Communities);
        Assert.Empty(example.Collector.Traps.Users);
        Assert.Equal(defaults.Collector.Snmp.Interval, example.Collector.Snmp.Interval);
        Assert.Empty(example.Collector.Snmp.Devices);
        Assert.Equal(defaults.Collector.Capture, example.Collector.Capture);
        Assert.Equal(defaults.Store.Sinks.Single().Spool, example.Store.Sinks.Single().Spool);
        Assert.Equal(defaults.Store.Sinks.Single().Url, example.Store.Sinks.Single().Url);
    }

    [Fact]
    public void EverySourcesSampleConfigurationIsValid()
    {
        var root = TestDirectories.RepositoryRoot();
        var samples = Directory.GetFiles(Path.Combine(root, "collector"), "sample.yaml", SearchOption.AllDirectories);
        Assert.True(samples.Length >= 3);
        foreach (var sample in samples)
            ConfigLoader.Load(sample, root);
    }

    [Fact]
    public void TheCaptureSectionIsRead()
    {
        const string yaml = """
            collector:
              capture:
                interface: eth1
                snaplen: 1518
                buffer_size: 256MiB
                promiscuous: false
                filter: "not port 22"
                stats_interval: 30s
                traffic_interval: 10s
                lab: false
                lab_mbps: 200
                lab_namespace: lab-2
            """;
        var capture = ConfigLoader.Parse(yaml, "c.yaml", Base).Collector.Capture;
        Assert.Equal(new CaptureConfig
        {
            Interface = "eth1", Snaplen = 1518, BufferSize = 256L * 1024 * 1024, Promiscuous = false, Filter = "not port 22", StatsInterval = TimeSpan.FromSeconds(30),
            TrafficInterval = TimeSpan.FromSeconds(10), Lab = false, LabMbps = 200, LabNamespace = "lab-2",
        }, capture);
    }

    [Fact]
    public void CaptureProblemsAreNamedWithTheirLines()
    {
        const string yaml = """
            collector:
              capture:
                interface: "eth 1"
                snaplen: 300000
                buffer_size: 4KiB
                filter: "udp portt 53"
                stats_interval: 5m
                promisc: true
                lab_mbps: 0
                lab_namespace: "lab/1"
            """;
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "c.yaml", Base));
        var byPath = e.Errors.ToDictionary(x => x.Path);
        Assert.Equal(3, byPath["collector.capture.interface"].Line);
        Assert.Contains("is not an interface name", byPath["collector.capture.interface"].Message);
        Assert.Equal("300000 is out of range 64..262144", byPath["collector.capture.snaplen"].Message);
        Assert.Equal(5, byPath["collector.capture.buffer_size"].Line);
        Assert.Equal("'udp portt 53' is not a valid capture filter: can't parse filter expression: syntax error", byPath["collector.capture.filter"].Message);
        Assert.Equal(6, byPath["collector.capture.filter"].Line);
        Assert.Contains("out of range 1s..1m", byPath["collector.capture.stats_interval"].Message);
        Assert.Contains("unknown key", byPath["collector.capture.promisc"].Message);
        Assert.Equal("0 is out of range 1..10000", byPath["collector.capture.lab_mbps"].Message);
        Assert.Contains("is not a network namespace name", byPath["collector.capture.lab_namespace"].Message);
    }

    [Fact]
    public void AnUnknownKeyIsNamedWithItsLineAndASuggestion()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("site:\n  school: a\nstore:\n  retension:\n    raw: 30d\n", "netops.yaml", Base));
        var error = Assert.Single(e.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Equal("store.retension", error.Path);
        Assert.Contains("did you mean 'retention'", error.Message);
        Assert.StartsWith("netops.yaml:4:3: store.retension: unknown key", e.Message);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceInLineOrder()
    {
        const string yaml = """
            site:
              school: "bad school!"
            store:
              batch:
                max_lines: lots
                flush_interval: 5 parsecs
              retention:
                events: 90d
              sinks:
                - name: school
                  url: ftp://example
                  spool:
                    when_full: drop_oldest
                - name: school
                  url: http://county:8086
            console:
              language: fr
              listen: [a, b]
            """;
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "c.yaml", Base));
        var byPath = e.Errors.ToDictionary(x => x.Path);
        Assert.Equal(2, byPath["site.school"].Line);
        Assert.Contains("is not a whole number", byPath["store.batch.max_lines"].Message);
        Assert.Equal(5, byPath["store.batch.max_lines"].Line);
        Assert.Contains("not a duration", byPath["store.batch.flush_interval"].Message);
        Assert.Contains("180 days", byPath["store.retention.events"].Message);
        Assert.Equal(8, byPath["store.retention.events"].Line);
        Assert.Contains("http://", byPath["store.sinks[0].url"].Message);
        Assert.Equal("'drop_oldest' is not one of: block, drop_newest", byPath["store.sinks[0].spool.when_full"].Message);
        Assert.Equal(13, byPath["store.sinks[0].spool.when_full"].Line);
        Assert.Contains("used by another sink", byPath["store.sinks[1].name"].Message);
        Assert.Contains("zh, en", byPath["console.language"].Message);
        Assert.Contains("not a list", byPath["console.listen"].Message);
        Assert.Equal(e.Errors.OrderBy(x => x.Line).ThenBy(x => x.Column).ToList(), e.Errors);
    }

    [Fact]
    public void ASyntaxErrorIsReportedWithItsLine()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("site:\n  school: a\n  name: [unclosed\nstore: {}\n", "s.yaml", Base));
        Assert.Contains("YAML syntax error", e.Message);
        Assert.InRange(e.Errors[0].Line, 3, 5);
    }

    [Fact]
    public void ADuplicateKeyIsReported()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("site:\n  school: a\n  school: b\n", "d.yaml", Base));
        Assert.Contains(e.Errors, x => x.Line == 3 && (x.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) || x.Message.Contains("Duplicate", StringComparison.Ordinal)));
    }

    [Fact]
    public void SecretsNeverAppearInMessagesOrDescriptions()
    {
        const string yaml = """
            store:
              sinks:
                - name: county
                  url: https://county.example:8086
                  token: s3cr3t-token-value
                  username: admin-user
                  password: [not, a, scalar]
                  spool:
                    max_size: 1B
            """;
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "x.yaml", Base));
        Assert.Contains(e.Errors, x => x.Path == "store.sinks[0].password");
        Assert.DoesNotContain("s3cr3t", e.Message);
        Assert.DoesNotContain("admin-user", e.Message);

        var ok = ConfigLoader.Parse(yaml.Replace("[not, a, scalar]", "hunter2").Replace("1B", "1GiB"), "x.yaml", Base);
        var sink = ok.Store.Sinks.Single();
        Assert.Equal("s3cr3t-token-value", sink.Token);
        Assert.DoesNotContain("s3cr3t", sink.ToString());
        Assert.DoesNotContain("hunter2", sink.ToString());
        Assert.DoesNotContain("admin-user", sink.Describe());
        Assert.DoesNotContain("s3cr3t", ok.ToString());
        Assert.DoesNotContain("hunter2", ok.ToString());
    }

    [Fact]
    public void TheLocalStoreStaysOnLoopbackUnlessAllowed()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("store:\n  local:\n    listen: 0.0.0.0:8086\n", "l.yaml", Base));
        Assert.Contains("allow_remote", e.Errors.Single().Message);
        var ok = ConfigLoader.Parse("store:\n  local:\n    listen: 0.0.0.0:8086\n    allow_remote: true\n", "l.yaml", Base);
        Assert.Equal("0.0.0.0:8086", ok.Store.Local.Listen);
    }

    [Fact]
    public void TrapUsersAreCheckedWithoutEchoingTheirPasswords()
    {
        const string yaml = """
            collector:
              traps:
                listen: 0.0.0.0:162
                communities: [campus-ro-secret]
                users:
                  - name: noc
                    auth: SHA-256
                    auth_password: short
                    priv: AES-512
                    priv_password: long-enough-secret
            """;
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "t.yaml", Base));
        Assert.Contains(e.Errors, x => x.Path == "collector.traps.users[0].auth_password" && x.Message.Contains("8 characters", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "collector.traps.users[0].priv" && x.Line == 9);
        Assert.DoesNotContain("short", e.Message);
        var ok = ConfigLoader.Parse(yaml.Replace("short", "long-enough-pass").Replace("AES-512", "AES-256"), "t.yaml", Base);
        Assert.Equal("0.0.0.0:162", ok.Collector.Traps.Listen);
        Assert.Equal(["campus-ro-secret"], ok.Collector.Traps.Communities);
        Assert.DoesNotContain("campus-ro-secret", ok.Collector.Traps.ToString());
        Assert.DoesNotContain("long-enough", ok.Collector.Traps.Users[0].ToString());
    }

    [Fact]
    public void RadiusAccountingClientsAreCheckedWithoutEchoingTheirSecrets()
    {
        const string yaml = """
            collector:
              radius_accounting:
                enabled: true
                listen: 0.0.0.0:1813
                clients:
                  - address: 10.1.0.299
                    secret: wlc-shared-secret
                  - address: 10.1.0.3
            """;
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "r.yaml", Base));
        Assert.Contains(e.Errors, x => x.Path == "collector.radius_accounting.clients[0].address" && x.Message.Contains("IP address", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "collector.radius_accounting.clients[1].secret");
        Assert.DoesNotContain("wlc-shared-secret", e.Message);
        var none = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("collector:\n  radius_accounting:\n    enabled: true\n", "r.yaml", Base));
        Assert.Contains(none.Errors, x => x.Path == "collector.radius_accounting.clients");

        var ok = ConfigLoader.Parse(yaml.Replace("10.1.0.299", "10.1.0.2").Replace("  - address: 10.1.0.3", "  - address: 10.1.0.3\n        secret: bras-secret"), "r.yaml", Base);
        var radius = ok.Collector.RadiusAccounting;
        Assert.True(radius.Enabled);
        Assert.Equal("0.0.0.0:1813", radius.Listen);
        Assert.Equal(["10.1.0.2", "10.1.0.3"], radius.Clients.Select(c => c.Address));
        Assert.Equal("wlc-shared-secret", radius.Clients[0].Secret);
        Assert.DoesNotContain("secret", radius.ToString().Replace("secrets ***", ""));
        Assert.DoesNotContain("wlc-shared", radius.Clients[0].ToString());
        Assert.False(ConfigLoader.Parse("", "empty.yaml", Base).Collector.RadiusAccounting.Enabled);
    }

    [Fact]
    public void PolledDevicesAreCheckedAndTheirSecretsKept()
    {
        const string yaml = """
            collector:
              snmp:
                interval: 30s
                devices:
                  - name: core-1
                    address: 10.10.0.1
                    role: core
                    location: 网络中心
                    community: campus-ro-c0mmunity
                  - name: ac-1
                    address: 10.10.0.5:1161
                    role: wireless_controller
                    version: v3
                    user: netops
                    auth: SHA-256
                    auth_password: long-auth-passphrase
                    priv: AES
                    priv_password: long-priv-passphrase
                  - name: core-1
                    address: not-an-ip
                    role: router
            """;
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "d.yaml", Base));
        Assert.Contains(e.Errors, x => x.Path == "collector.snmp.devices[2].name" && x.Message.Contains("another device", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "collector.snmp.devices[2].address" && x.Line == 20);
        Assert.Contains(e.Errors, x => x.Path == "collector.snmp.devices[2].role");
        Assert.Contains(e.Errors, x => x.Path == "collector.snmp.devices[2]" && x.Message.Contains("community", StringComparison.Ordinal));
        Assert.DoesNotContain("c0mmunity", e.Message);

        var lastDevice = yaml.LastIndexOf("- name: core-1", StringComparison.Ordinal);
        var ok = ConfigLoader.Parse(yaml[..yaml.LastIndexOf('\n', lastDevice)], "d.yaml", Base);
        Assert.Equal(TimeSpan.FromSeconds(30), ok.Collector.Snmp.Interval);
        Assert.Equal(2, ok.Collector.Snmp.Devices.Count);
        var ac = ok.Collector.Snmp.Devices[1];
        Assert.Equal(("v3", "netops", "SHA-256", "AES"), (ac.Version, ac.User.Name, ac.User.Auth, ac.User.Priv));
        Assert.DoesNotContain("passphrase", ac.ToString());
        Assert.DoesNotContain("c0mmunity", ok.Collector.Snmp.Devices[0].ToString());
    }

    [Theory]
    [InlineData("AES-192-C")]
    [InlineData("AES-256-C")]
    public void CiscoKeyExtensionPrivacyProtocolsAreAccepted(string priv)
    {
        var yaml = $"""
            collector:
              snmp:
                devices:
                  - name: wlc-1
                    address: 10.10.0.6
                    role: wireless_controller
                    version: v3
                    user: netops
                    auth: SHA
                    auth_password: long-auth-passphrase
                    priv: {priv}
                    priv_password: long-priv-passphrase
            """;
        Assert.Equal(priv, ConfigLoader.Parse(yaml, "c.yaml", Base).Collector.Snmp.Devices[0].User.Priv);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml.Replace(priv, priv + "X"), "c.yaml", Base));
        Assert.Contains(e.Errors, x => x.Path == "collector.snmp.devices[0].priv" && x.Message.Contains("AES-256-C", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOrDefaultWithoutAFileIsTheLab()
    {
        Assert.Equal("lab-school", ConfigLoader.LoadOrDefault(null, Base).Site.School);
        Assert.Equal("lab-school", ConfigLoader.LoadOrDefault("/nonexistent/netops.yaml", Base).Site.School);
        Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nonexistent/netops.yaml", Base));
    }
}
