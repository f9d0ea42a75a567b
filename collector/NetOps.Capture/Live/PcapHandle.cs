using Microsoft.Win32.SafeHandles;

namespace NetOps.Capture.Live;

/// <summary>A libpcap pcap_t, closed with pcap_close.</summary>
internal sealed class PcapHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PcapHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        PcapNative.Close(handle);
        return true;
    }
}
