namespace NetOps.Testing;

/// <summary>
/// A network namespace of the test's own holding both ends of a veth pair: traffic replayed into
/// <see cref="ReplayInterface"/> comes out of <see cref="CaptureInterface"/>. No addresses, no
/// routes, IPv6 off on both ends so the kernel sends nothing of its own; nothing leaves the
/// namespace. Deleted on dispose.
/// </summary>
public sealed class TestNetworkNamespace : IDisposable
{
    private static int _count;

    private TestNetworkNamespace(string name) => Name = name;

    /// <summary>Why a test needing a namespace cannot run here, or null when it can (running as root).</summary>
    public static string? SkipReason => Environment.IsPrivilegedProcess
        ? null
        : "needs root: creates a network namespace with a veth pair (ip netns) and captures on it with libpcap";

    public string Name { get; }

    public string ReplayInterface => "replay0";

    public string CaptureInterface => "capture0";

    public static async Task<TestNetworkNamespace> CreateAsync()
    {
        var space = new TestNetworkNamespace($"netops-test-{Environment.ProcessId}-{Interlocked.Increment(ref _count)}");
        await ExternalTool.RunCheckedAsync("ip", "netns", "add", space.Name);
        try
        {
            await space.AddVethPairAsync(space.ReplayInterface, space.CaptureInterface);
        }
        catch
        {
            space.Dispose();
            throw;
        }
        return space;
    }

    /// <summary>Adds a veth pair inside the namespace, both ends up, IPv6 off, MTU 65535 (the corpus holds frames of up to 37 KB, from segmentation offload on the capturing host).</summary>
    public async Task AddVethPairAsync(string one, string other)
    {
        await ExternalTool.RunCheckedAsync("ip", "-n", Name, "link", "add", one, "type", "veth", "peer", "name", other);
        foreach (var link in new[] { one, other })
        {
            await ExecAsync("sysctl", "-qw", $"net.ipv6.conf.{link}.disable_ipv6=1");
            await ExternalTool.RunCheckedAsync("ip", "-n", Name, "link", "set", link, "mtu", "65535", "up");
        }
    }

    /// <summary>Deletes a link (and its veth peer) from the namespace.</summary>
    public Task DeleteLinkAsync(string link) => ExternalTool.RunCheckedAsync("ip", "-n", Name, "link", "delete", link);

    /// <summary>Runs a tool inside the namespace; it must succeed.</summary>
    public Task<string> ExecAsync(string tool, params string[] args) =>
        ExternalTool.RunCheckedAsync("ip", ["netns", "exec", Name, tool, .. args]);

    /// <summary>Replays <paramref name="path"/> into <see cref="ReplayInterface"/> (or <paramref name="into"/>) as fast as it goes; returns what tcpreplay reports.</summary>
    public async Task<TcpreplayReport> ReplayAsync(string path, int loops = 1, string? into = null)
    {
        var output = await ExecAsync("tcpreplay", $"--intf1={into ?? ReplayInterface}", "--topspeed", $"--loop={loops}", path);
        return TcpreplayReport.Parse(output);
    }

    public void Dispose()
    {
        if (File.Exists("/var/run/netns/" + Name))
            ExternalTool.RunCheckedAsync("ip", "netns", "delete", Name).GetAwaiter().GetResult();
    }
}
