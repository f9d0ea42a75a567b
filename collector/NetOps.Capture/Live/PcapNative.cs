using System.Runtime.InteropServices;

namespace NetOps.Capture.Live;

/// <summary>libpcap (Debian's libpcap0.8, libpcap.so.0.8), the calls NetOps makes. Linux x86-64/arm64 layouts.</summary>
internal static unsafe partial class PcapNative
{
    public const string Library = "libpcap.so.0.8";
    public const int ErrorBufferSize = 256;
    public const int TimestampPrecisionMicro = 0;
    public const int TimestampPrecisionNano = 1;
    public const uint NetmaskUnknown = 0xFFFF_FFFF;

    // pcap_activate, pcap_next_ex... results
    public const int Warning = 1;
    public const int WarningPromiscNotSupported = 2;
    public const int WarningTimestampTypeNotSupported = 3;
    public const int Error = -1;
    public const int ErrorBreak = -2;
    public const int ErrorNoSuchDevice = -5;
    public const int ErrorRfmonNotSupported = -6;
    public const int ErrorPermissionDenied = -8;
    public const int ErrorInterfaceNotUp = -9;
    public const int ErrorPromiscPermissionDenied = -11;
    public const int ErrorTimestampPrecisionNotSupported = -12;

    [StructLayout(LayoutKind.Sequential)]
    public struct PacketHeader
    {
        public nint Seconds;
        /// <summary>Microseconds, or nanoseconds when the handle's precision is nano.</summary>
        public nint Fraction;
        public uint CapturedLength;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Stat
    {
        public uint Received;
        public uint Dropped;
        public uint InterfaceDropped;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct BpfProgram
    {
        public uint Length;
        public nint Instructions;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Interface
    {
        public Interface* Next;
        public byte* Name;
        public byte* Description;
        public Address* Addresses;
        public uint Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Address
    {
        public Address* Next;
        public byte* Addr;
        public byte* Netmask;
        public byte* BroadcastAddr;
        public byte* DestinationAddr;
    }

    [LibraryImport(Library, EntryPoint = "pcap_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial PcapHandle Create(string source, byte* errorBuffer);

    [LibraryImport(Library, EntryPoint = "pcap_open_offline_with_tstamp_precision", StringMarshalling = StringMarshalling.Utf8)]
    public static partial PcapHandle OpenOffline(string path, int precision, byte* errorBuffer);

    [LibraryImport(Library, EntryPoint = "pcap_open_dead")]
    public static partial PcapHandle OpenDead(int linkType, int snaplen);

    [LibraryImport(Library, EntryPoint = "pcap_set_snaplen")]
    public static partial int SetSnaplen(PcapHandle handle, int snaplen);

    [LibraryImport(Library, EntryPoint = "pcap_set_promisc")]
    public static partial int SetPromiscuous(PcapHandle handle, int promiscuous);

    [LibraryImport(Library, EntryPoint = "pcap_set_buffer_size")]
    public static partial int SetBufferSize(PcapHandle handle, int bytes);

    [LibraryImport(Library, EntryPoint = "pcap_set_timeout")]
    public static partial int SetTimeout(PcapHandle handle, int milliseconds);

    [LibraryImport(Library, EntryPoint = "pcap_set_immediate_mode")]
    public static partial int SetImmediateMode(PcapHandle handle, int immediate);

    [LibraryImport(Library, EntryPoint = "pcap_set_tstamp_precision")]
    public static partial int SetTimestampPrecision(PcapHandle handle, int precision);

    [LibraryImport(Library, EntryPoint = "pcap_get_tstamp_precision")]
    public static partial int GetTimestampPrecision(PcapHandle handle);

    [LibraryImport(Library, EntryPoint = "pcap_activate")]
    public static partial int Activate(PcapHandle handle);

    [LibraryImport(Library, EntryPoint = "pcap_compile", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Compile(PcapHandle handle, BpfProgram* program, string filter, int optimize, uint netmask);

    [LibraryImport(Library, EntryPoint = "pcap_setfilter")]
    public static partial int SetFilter(PcapHandle handle, BpfProgram* program);

    [LibraryImport(Library, EntryPoint = "pcap_freecode")]
    public static partial void FreeCode(BpfProgram* program);

    [LibraryImport(Library, EntryPoint = "pcap_datalink")]
    public static partial int DataLink(PcapHandle handle);

    [LibraryImport(Library, EntryPoint = "pcap_snapshot")]
    public static partial int Snapshot(PcapHandle handle);

    /// <summary>The calls taking the raw pcap_t are made by <see cref="LiveCapture"/>, which holds one reference on the SafeHandle for its life instead of one per call.</summary>
    [LibraryImport(Library, EntryPoint = "pcap_next_ex")]
    public static partial int NextEx(nint handle, PacketHeader** header, byte** data);

    [LibraryImport(Library, EntryPoint = "pcap_breakloop")]
    public static partial void BreakLoop(nint handle);

    [LibraryImport(Library, EntryPoint = "pcap_stats")]
    public static partial int Stats(nint handle, Stat* stat);

    [LibraryImport(Library, EntryPoint = "pcap_geterr")]
    public static partial byte* GetError(nint handle);

    [LibraryImport(Library, EntryPoint = "pcap_geterr")]
    public static partial byte* GetError(PcapHandle handle);

    [LibraryImport(Library, EntryPoint = "pcap_statustostr")]
    public static partial byte* StatusToString(int status);

    [LibraryImport(Library, EntryPoint = "pcap_findalldevs")]
    public static partial int FindAllDevices(Interface** devices, byte* errorBuffer);

    [LibraryImport(Library, EntryPoint = "pcap_freealldevs")]
    public static partial void FreeAllDevices(Interface* devices);

    [LibraryImport(Library, EntryPoint = "pcap_lib_version")]
    public static partial byte* LibraryVersion();

    [LibraryImport(Library, EntryPoint = "pcap_close")]
    public static partial void Close(nint handle);

    public static string Text(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? "";

    public static string ErrorText(PcapHandle handle) => Text(GetError(handle));
}
