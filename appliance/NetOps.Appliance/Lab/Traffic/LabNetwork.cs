using System.Net;
using System.Net.NetworkInformation;

namespace NetOps.Appliance.Lab.Traffic;

/// <summary>A student's or teacher's device on the lab campus.</summary>
internal sealed record LabHost(string Name, string User, PhysicalAddress Mac, IPAddress V4, IPAddress? V6, bool Wireless);

/// <summary>An Internet service the campus uses, with the addresses its name resolves to.</summary>
internal sealed record LabSite(string Name, IPAddress V4, IPAddress? V6, int Weight, int MinKilobytes, int MaxKilobytes);

/// <summary>
/// The lab campus's addressing. Campus hosts use 10.20.0.0/22 and 2001:db8:20::/64; Internet
/// services use the documentation ranges (RFC 5737, RFC 3849), so nothing here names a real host.
/// The frames are only ever replayed into a veth pair inside a network namespace NetOps creates.
/// </summary>
internal static class LabNetwork
{
    public static readonly PhysicalAddress GatewayMac = PhysicalAddress.Parse("00-1E-C9-00-00-01");
    public static readonly IPAddress GatewayV4 = IPAddress.Parse("10.20.0.1");
    public static readonly IPAddress GatewayV6LinkLocal = IPAddress.Parse("fe80::21e:c9ff:fe00:1");
    public static readonly IPAddress Prefix = IPAddress.Parse("2001:db8:20::");
    public static readonly IPAddress ResolverV4 = IPAddress.Parse("10.20.0.53");
    public static readonly PhysicalAddress ResolverMac = PhysicalAddress.Parse("00-50-56-00-00-53");
    public static readonly IPAddress WlcV4 = IPAddress.Parse("10.20.0.2");
    public static readonly PhysicalAddress WlcMac = PhysicalAddress.Parse("00-1E-C9-AC-00-01");
    public static readonly IPAddress RadiusV4 = IPAddress.Parse("10.20.0.10");
    public static readonly PhysicalAddress RadiusMac = PhysicalAddress.Parse("00-50-56-00-00-10");
    public static readonly IPAddress NmsV4 = IPAddress.Parse("10.20.0.20");
    public static readonly PhysicalAddress NmsMac = PhysicalAddress.Parse("00-50-56-00-00-20");
    public static readonly IPAddress SwitchV4 = IPAddress.Parse("10.20.0.251");
    public static readonly PhysicalAddress SwitchMac = PhysicalAddress.Parse("00-1E-C9-00-00-FB");
    public static readonly IPAddress PrinterV4 = IPAddress.Parse("10.20.0.250");
    public static readonly PhysicalAddress PrinterMac = PhysicalAddress.Parse("00-17-C8-00-00-FA");
    public const string RadiusSecret = "lab-radius-secret";
    public const string SnmpCommunity = "campus-ro";

    public static readonly LabSite[] Sites =
    [
        new("www.baidu.com", IPAddress.Parse("203.0.113.10"), IPAddress.Parse("2001:db8:f00d::10"), 20, 20, 400),
        new("www.qq.com", IPAddress.Parse("203.0.113.11"), IPAddress.Parse("2001:db8:f00d::11"), 10, 20, 300),
        new("weixin.qq.com", IPAddress.Parse("203.0.113.12"), IPAddress.Parse("2001:db8:f00d::12"), 15, 5, 200),
        new("www.bilibili.com", IPAddress.Parse("203.0.113.20"), IPAddress.Parse("2001:db8:f00d::20"), 8, 300, 2000),
        new("basic.smartedu.cn", IPAddress.Parse("198.51.100.30"), IPAddress.Parse("2001:db8:f00d::30"), 15, 100, 1500),
        new("www.icourse163.org", IPAddress.Parse("198.51.100.31"), null, 6, 100, 1500),
        new("login.microsoftonline.com", IPAddress.Parse("198.51.100.40"), IPAddress.Parse("2001:db8:f00d::40"), 5, 10, 60),
        new("www.zhihu.com", IPAddress.Parse("198.51.100.41"), null, 6, 30, 500),
    ];

    public static readonly LabSite Pool = new("pool.supportxmr.com", IPAddress.Parse("198.51.100.66"), null, 0, 0, 0);
    public static readonly LabSite UpdateServer = new("dl.campus-updates.example", IPAddress.Parse("198.51.100.80"), null, 0, 0, 0);

    /// <summary>The lab's devices: pc-NN on the wired teaching floor, phones and laptops on Wi-Fi; about 40 % dual-stack.</summary>
    public static IReadOnlyList<LabHost> Hosts(int count, Random random)
    {
        var hosts = new List<LabHost>(count);
        for (var i = 0; i < count; i++)
        {
            var n = i + 10;
            var wireless = i % 3 != 0;
            var mac = PhysicalAddress.Parse($"02-4C-41-42-{n / 256:X2}-{n % 256:X2}");
            var v4 = IPAddress.Parse($"10.20.{1 + n / 250}.{n % 250}");
            IPAddress? v6 = random.NextDouble() < 0.4 ? Slaac(mac) : null;
            var user = wireless ? $"s2026{n:D4}" : $"t{n:D3}";
            hosts.Add(new LabHost(wireless ? $"phone-{n}" : $"pc-{n}", user, mac, v4, v6, wireless));
        }
        return hosts;
    }

    /// <summary>EUI-64 interface identifier in the campus prefix (RFC 4291 appendix A).</summary>
    public static IPAddress Slaac(PhysicalAddress mac) => WithInterfaceId(Prefix, mac);

    public static IPAddress LinkLocal(PhysicalAddress mac) => WithInterfaceId(IPAddress.Parse("fe80::"), mac);

    private static IPAddress WithInterfaceId(IPAddress prefix, PhysicalAddress mac)
    {
        var m = mac.GetAddressBytes();
        var bytes = prefix.GetAddressBytes();
        bytes[8] = (byte)(m[0] ^ 0x02);
        bytes[9] = m[1];
        bytes[10] = m[2];
        bytes[11] = 0xff;
        bytes[12] = 0xfe;
        bytes[13] = m[3];
        bytes[14] = m[4];
        bytes[15] = m[5];
        return new IPAddress(bytes);
    }
}
