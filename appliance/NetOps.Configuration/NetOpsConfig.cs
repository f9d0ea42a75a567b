namespace NetOps.Configuration;

/// <summary>
/// The appliance's one configuration (config/netops.yaml). Every key is optional; the defaults are
/// the built-in lab. Paths are absolute once loaded (relative ones are resolved against the
/// appliance's home folder).
/// </summary>
public sealed record NetOpsConfig
{
    public SiteConfig Site { get; init; } = new();
    public StoreConfig Store { get; init; } = new();
    public ConsoleConfig Console { get; init; } = new();
    public LoggingConfig Logging { get; init; } = new();
    public CollectorConfig Collector { get; init; } = new();
}

public sealed record SiteConfig
{
    /// <summary>Tag <c>school</c> on every point written.</summary>
    public string School { get; init; } = "lab-school";
    public string Name { get; init; } = "实验学校";
}

public sealed record StoreConfig
{
    public string Database { get; init; } = "netops";
    public RetentionConfig Retention { get; init; } = new();
    public LocalStoreConfig Local { get; init; } = new();
    public BatchConfig Batch { get; init; } = new();
    public RetryConfig Retry { get; init; } = new();
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>true, false, or null (auto: compress for remote sinks, not for one on this machine).</summary>
    public bool? Gzip { get; init; }
    public IReadOnlyList<SinkConfig> Sinks { get; init; } = [];
}

public sealed record RetentionConfig
{
    public TimeSpan Raw { get; init; } = TimeSpan.FromDays(30);
    public TimeSpan Rollup { get; init; } = TimeSpan.FromDays(400);
    public TimeSpan Events { get; init; } = TimeSpan.FromDays(400);
}

public sealed record LocalStoreConfig
{
    public bool Enabled { get; init; } = true;
    /// <summary>host:port influxd binds to.</summary>
    public string Listen { get; init; } = "127.0.0.1:8086";
    public bool AllowRemote { get; init; }
    public string DataDir { get; init; } = "var/influxdb";
}

public sealed record BatchConfig
{
    public int MaxLines { get; init; } = 5000;
    public long MaxBytes { get; init; } = 4L * 1024 * 1024;
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
}

public sealed record RetryConfig
{
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record SinkConfig
{
    public string Name { get; init; } = "school";
    public string Url { get; init; } = "http://127.0.0.1:8086";
    /// <summary>Empty means <see cref="StoreConfig.Database"/>.</summary>
    public string Database { get; init; } = "";
    public string RetentionPolicy { get; init; } = "";
    public string Token { get; init; } = "";
    public string Username { get; init; } = "";
    public string Password { get; init; } = "";
    public bool ManageLayout { get; init; } = true;
    public SpoolConfig Spool { get; init; } = new();

    /// <summary>Safe to print: no credentials.</summary>
    public string Describe() =>
        $"{Name} -> {Url}{(Token.Length > 0 ? " (token ***)" : "")}{(Username.Length > 0 ? " (user ***)" : "")}";

    public override string ToString() => Describe();
}

public sealed record SpoolConfig
{
    /// <summary>Empty means var/spool/&lt;sink name&gt;.</summary>
    public string Dir { get; init; } = "";
    public long MaxSize { get; init; } = 1024L * 1024 * 1024;
    /// <summary>block | drop_newest.</summary>
    public string WhenFull { get; init; } = "block";
}

public sealed record ConsoleConfig
{
    public string Listen { get; init; } = "http://127.0.0.1:8080";
    /// <summary>zh | en.</summary>
    public string Language { get; init; } = "zh";
}

public sealed record LoggingConfig
{
    public string Level { get; init; } = "information";
    public string Dir { get; init; } = "var/log";
    public int RetainDays { get; init; } = 30;
}

public sealed record CollectorConfig
{
    public TimeSpan SelfMonitorInterval { get; init; } = TimeSpan.FromSeconds(10);
    public TrapsConfig Traps { get; init; } = new();
    public SnmpPollingConfig Snmp { get; init; } = new();
    public CaptureConfig Capture { get; init; } = new();
    public RadiusAccountingConfig RadiusAccounting { get; init; } = new();
}

/// <summary>The RADIUS accounting receiver (identity: which user holds which address).</summary>
public sealed record RadiusAccountingConfig
{
    /// <summary>Off until the campus RADIUS server or NAS is set to copy accounting here.</summary>
    public bool Enabled { get; init; }
    /// <summary>host:port; 0.0.0.0:1813 in production, an unprivileged loopback port in the lab.</summary>
    public string Listen { get; init; } = "127.0.0.1:11813";
    public IReadOnlyList<RadiusClientConfig> Clients { get; init; } = [];

    public override string ToString() => $"radius accounting on {Listen}, {Clients.Count} clients (secrets ***)";
}

/// <summary>One NAS allowed to send accounting; the secret is never logged or shown.</summary>
public sealed record RadiusClientConfig
{
    public string Address { get; init; } = "";
    public string Secret { get; init; } = "";

    public override string ToString() => $"{Address} (secret ***)";
}

/// <summary>Live capture of campus traffic with libpcap (a mirror/SPAN port).</summary>
public sealed record CaptureConfig
{
    /// <summary>Interface to capture on; empty: no interface of this machine is captured.</summary>
    public string Interface { get; init; } = "";
    /// <summary>Bytes kept of each frame; 262144 keeps every frame whole.</summary>
    public int Snaplen { get; init; } = 262144;
    /// <summary>Kernel capture buffer; bursts beyond it are drops (capture_interface.packets_dropped).</summary>
    public long BufferSize { get; init; } = 64L * 1024 * 1024;
    public bool Promiscuous { get; init; } = true;
    /// <summary>BPF filter (tcpdump syntax); empty captures everything.</summary>
    public string Filter { get; init; } = "";
    /// <summary>How often libpcap's counters are written (capture_interface).</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Length of a traffic interval: the analyzer writes its traffic metrics once per interval (capture time).</summary>
    public TimeSpan TrafficInterval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>With no interface: replay the lab's own campus mix into a veth pair in a namespace and capture that (needs root).</summary>
    public bool Lab { get; init; } = true;
    /// <summary>The lab replay's rate in Mbit/s.</summary>
    public int LabMbps { get; init; } = 20;
    /// <summary>The lab's network namespace (created on start, removed on stop).</summary>
    public string LabNamespace { get; init; } = "netops-lab";
}

/// <summary>Devices polled over SNMP.</summary>
public sealed record SnmpPollingConfig
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxConcurrent { get; init; } = 64;
    public IReadOnlyList<SnmpDeviceConfig> Devices { get; init; } = [];
    /// <summary>With no devices configured, poll the built-in lab campus (snmpsimd on <see cref="LabListen"/>).</summary>
    public bool Lab { get; init; } = true;
    public string LabListen { get; init; } = "127.0.0.1:1161";
}

/// <summary>One polled device. Community and passwords are secrets: never logged, never shown.</summary>
public sealed record SnmpDeviceConfig
{
    public string Name { get; init; } = "";
    /// <summary>IP address, optionally :port (default 161).</summary>
    public string Address { get; init; } = "";
    /// <summary>core | distribution | access | wireless_controller | ap | firewall | egress.</summary>
    public string Role { get; init; } = "access";
    public string Location { get; init; } = "";
    /// <summary>v1 | v2c | v3.</summary>
    public string Version { get; init; } = "v2c";
    public string Community { get; init; } = "";
    public SnmpUserConfig User { get; init; } = new();
    public string Context { get; init; } = "";

    public override string ToString() => $"{Name} {Address} ({Role}, {Version}, credentials ***)";
}

/// <summary>The SNMP trap and inform receiver.</summary>
public sealed record TrapsConfig
{
    public bool Enabled { get; init; } = true;
    /// <summary>host:port; 0.0.0.0:162 in production, an unprivileged loopback port in the lab.</summary>
    public string Listen { get; init; } = "127.0.0.1:1162";
    /// <summary>Accepted v1/v2c communities (secrets); empty accepts any.</summary>
    public IReadOnlyList<string> Communities { get; init; } = ["netops-lab"];
    public IReadOnlyList<SnmpUserConfig> Users { get; init; } = [];

    public override string ToString() => $"traps on {Listen}, {Communities.Count} communities (***), {Users.Count} users";
}

/// <summary>An SNMPv3 user; passwords are secrets.</summary>
public sealed record SnmpUserConfig
{
    public string Name { get; init; } = "";
    /// <summary>MD5 | SHA | SHA-224 | SHA-256 | SHA-384 | SHA-512, or empty for noAuthNoPriv.</summary>
    public string Auth { get; init; } = "";
    public string AuthPassword { get; init; } = "";
    /// <summary>DES | AES | AES-192 | AES-256 (Blumenthal key extension) | AES-192-C | AES-256-C (Cisco's Reeder key extension), or empty for no privacy.</summary>
    public string Priv { get; init; } = "";
    public string PrivPassword { get; init; } = "";

    public override string ToString() => $"{Name} ({(Auth.Length == 0 ? "noAuth" : Auth)}/{(Priv.Length == 0 ? "noPriv" : Priv)}, passwords ***)";
}
