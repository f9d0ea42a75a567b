using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetOps.Capture.Live;

/// <summary>
/// Runs an action on a fresh thread that has joined a named network namespace (ip netns, under
/// /var/run/netns). Sockets opened there stay in that namespace after the thread ends, so a
/// capture handle activated this way reads the namespace's interface from any thread, while the
/// process itself never leaves its own namespace.
/// </summary>
public static partial class NetworkNamespace
{
    private const int CloneNewNet = 0x4000_0000;

    /// <summary>A name under /var/run/netns, or a path as given.</summary>
    public static string PathOf(string name) => name.Contains('/') ? name : Path.Combine("/var/run/netns", name);

    /// <summary>
    /// Runs <paramref name="action"/> inside network namespace <paramref name="name"/> (on the
    /// calling thread when <paramref name="name"/> is null or empty) and returns its result; its
    /// exception, if any, is rethrown here.
    /// </summary>
    public static T Run<T>(string? name, Func<T> action)
    {
        if (string.IsNullOrEmpty(name))
            return action();
        var path = PathOf(name);
        if (!File.Exists(path))
            throw new LiveCaptureException($"network namespace '{name}' does not exist ({path} not found; create it with `ip netns add {name}`)");
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var target = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
                if (SetNamespace((int)target.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new LiveCaptureException($"cannot enter network namespace '{name}': {new Win32Exception(Marshal.GetLastPInvokeError()).Message} (needs root or CAP_SYS_ADMIN)");
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "netns " + name };
        thread.Start();
        thread.Join();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(int fd, int nsType);
}
