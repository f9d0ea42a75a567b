using System.Diagnostics;

namespace NetOps.Appliance.Lab.Traffic;

/// <summary>
/// The lab's own network: a network namespace holding both ends of a veth pair. The lab's traffic
/// is replayed into one end and captured on the other; nothing is routed, no address is assigned,
/// IPv6 is off on both ends (so the kernel adds no chatter of its own), and nothing reaches the
/// machine's real network. The capture opens inside it with <c>LiveCaptureOptions.NetworkNamespace</c>.
/// Needs root; removed on dispose.
/// </summary>
internal sealed class LabNamespace : IDisposable
{
    private LabNamespace(string name, string replayInterface, string captureInterface)
    {
        Name = name;
        ReplayInterface = replayInterface;
        CaptureInterface = captureInterface;
    }

    public string Name { get; }

    /// <summary>The veth end traffic is sent into.</summary>
    public string ReplayInterface { get; }

    /// <summary>The veth end the collector captures on (inside the namespace).</summary>
    public string CaptureInterface { get; }

    /// <summary>Creates (or re-creates, after a crash) the namespace <paramref name="name"/> with the veth pair.</summary>
    public static LabNamespace Create(string name)
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("the lab's traffic needs root to create its network namespace (ip netns)");
        var space = new LabNamespace(name, "lab-replay", "lab-capture");
        space.Delete();
        Ip("netns", "add", name);
        try
        {
            Ip("-n", name, "link", "add", space.ReplayInterface, "type", "veth", "peer", "name", space.CaptureInterface);
            foreach (var link in new[] { space.ReplayInterface, space.CaptureInterface })
            {
                Run("ip", "netns", "exec", name, "sysctl", "-qw", $"net.ipv6.conf.{link}.disable_ipv6=1");
                Ip("-n", name, "link", "set", link, "mtu", "9000", "up");
            }
        }
        catch
        {
            space.Delete();
            throw;
        }
        return space;
    }

    public void Dispose() => Delete();

    private void Delete()
    {
        if (File.Exists($"/var/run/netns/{Name}"))
            Run("ip", "netns", "delete", Name);
    }

    private static void Ip(params string[] args) => Run("ip", args);

    private static void Run(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)}: {errors.Trim()}");
    }
}
