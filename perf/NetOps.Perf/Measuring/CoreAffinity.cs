using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetOps.Perf.Measuring;

/// <summary>Pins the calling thread to one core (sched_setaffinity with pid 0 applies to the calling thread on Linux).</summary>
public static partial class CoreAffinity
{
    public static void PinCurrentThread(int core)
    {
        var mask = 1UL << core;
        if (SetAffinity(0, sizeof(ulong), ref mask) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"sched_setaffinity to core {core}");
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SetAffinity(int pid, nint size, ref ulong mask);
}
