namespace NetOps.Capture.Live;

/// <summary>A live capture that cannot start (no such device, permission denied, bad filter...), with libpcap's own words.</summary>
public sealed class LiveCaptureException(string message, int status = 0) : Exception(message)
{
    /// <summary>libpcap's status code (PCAP_ERROR_*), or 0.</summary>
    public int Status { get; } = status;
}
