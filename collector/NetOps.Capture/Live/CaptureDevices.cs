using System.Net;

namespace NetOps.Capture.Live;

/// <summary>pcap_findalldevs, turned into records.</summary>
internal static unsafe class CaptureDevices
{
    private const uint FlagLoopback = 1, FlagUp = 2, FlagRunning = 4, FlagWireless = 8;
    private const ushort AddressFamilyInet = 2, AddressFamilyInet6 = 10;

    public static List<CaptureDevice> Find()
    {
        var errors = stackalloc byte[PcapNative.ErrorBufferSize];
        PcapNative.Interface* list;
        if (PcapNative.FindAllDevices(&list, errors) != 0)
            throw new LiveCaptureException($"cannot list capture interfaces: {PcapNative.Text(errors)}");
        try
        {
            var devices = new List<CaptureDevice>();
            for (var d = list; d != null; d = d->Next)
            {
                var addresses = new List<IPAddress>();
                for (var a = d->Addresses; a != null; a = a->Next)
                {
                    if (ToAddress(a->Addr) is { } address)
                        addresses.Add(address);
                }
                var description = d->Description == null ? null : PcapNative.Text(d->Description);
                devices.Add(new CaptureDevice(PcapNative.Text(d->Name), description, addresses,
                    IsLoopback: (d->Flags & FlagLoopback) != 0, IsUp: (d->Flags & FlagUp) != 0,
                    IsRunning: (d->Flags & FlagRunning) != 0, IsWireless: (d->Flags & FlagWireless) != 0));
            }
            return devices;
        }
        finally
        {
            PcapNative.FreeAllDevices(list);
        }
    }

    /// <summary>A Linux sockaddr: family (2 bytes, host order), then sockaddr_in or sockaddr_in6; other families (AF_PACKET) are left out.</summary>
    private static IPAddress? ToAddress(byte* sockaddr)
    {
        if (sockaddr == null)
            return null;
        return *(ushort*)sockaddr switch
        {
            AddressFamilyInet => new IPAddress(new ReadOnlySpan<byte>(sockaddr + 4, 4)),
            AddressFamilyInet6 => new IPAddress(new ReadOnlySpan<byte>(sockaddr + 8, 16), *(uint*)(sockaddr + 24)),
            _ => null,
        };
    }
}
