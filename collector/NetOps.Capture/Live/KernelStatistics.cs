namespace NetOps.Capture.Live;

/// <summary>
/// pcap_stats since the capture started, widened to 64 bits (libpcap's counters are 32-bit and wrap).
/// On Linux: <see cref="Received"/> counts every frame that passed the filter, including those then
/// dropped; <see cref="Dropped"/> those the kernel dropped because the capture's ring buffer was
/// full; <see cref="InterfaceDropped"/> the interface's own receive drops, which libpcap reads from
/// sysfs as the process's mount shows it (the process's own network namespace: 0 for an interface
/// inside another one, such as the lab's).
/// </summary>
public readonly record struct KernelStatistics(long Received, long Dropped, long InterfaceDropped);
