namespace NetOps.Capture.Files;

public enum CaptureFileFormat
{
    /// <summary>Classic pcap, microsecond timestamps (magic 0xa1b2c3d4).</summary>
    Pcap,
    /// <summary>Classic pcap, nanosecond timestamps (magic 0xa1b23c4d).</summary>
    PcapNanoseconds,
    /// <summary>pcapng (section header block 0x0a0d0d0a).</summary>
    PcapNg,
}
