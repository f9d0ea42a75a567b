using System.Net;
using System.Net.Sockets;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Decodes the index of an ipAddressTable row (RFC 4293: InetAddressType, then the address as a
/// length-prefixed octet string) into an IPv6 address, and tells its scope.
/// </summary>
public static class Ipv6AddressIndex
{
    private const uint Ipv6 = 2, Ipv6z = 4;

    /// <summary>
    /// The IPv6 address of an index, or null for IPv4 and malformed rows. Accepts RFC 4293's
    /// <c>2.16.&lt;16 octets&gt;</c> and <c>4.20.&lt;16 octets&gt;.&lt;zone&gt;</c>, and FortiOS's
    /// <c>2.&lt;8 × 16-bit words&gt;.&lt;ifIndex&gt;</c> (<paramref name="nonStandard"/> is then true).
    /// </summary>
    public static IPAddress? Decode(ReadOnlySpan<uint> index, out bool nonStandard)
    {
        nonStandard = false;
        Span<byte> bytes = stackalloc byte[16];
        if (index.Length == 18 && index[0] == Ipv6 && index[1] == 16 || index.Length == 22 && index[0] == Ipv6z && index[1] == 20)
        {
            for (var i = 0; i < 16; i++)
            {
                if (index[2 + i] > 255)
                    return null;
                bytes[i] = (byte)index[2 + i];
            }
            return new IPAddress(bytes);
        }
        if (index.Length == 10 && index[0] == Ipv6)
        {
            for (var i = 0; i < 8; i++)
            {
                if (index[1 + i] > 0xFFFF)
                    return null;
                bytes[2 * i] = (byte)(index[1 + i] >> 8);
                bytes[2 * i + 1] = (byte)index[1 + i];
            }
            nonStandard = true;
            return new IPAddress(bytes);
        }
        return null;
    }

    /// <summary><see cref="Ipv6Scope"/> of a unicast address that counts for readiness, or null for one that does not.</summary>
    public static string? Scope(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv6Multicast || IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.IPv6None) || address.IsIPv4MappedToIPv6 || address.IsIPv6SiteLocal)
            return null;
        if (address.IsIPv6LinkLocal)
            return Ipv6Scope.LinkLocal;
        return address.IsIPv6UniqueLocal ? Ipv6Scope.UniqueLocal : Ipv6Scope.Global;
    }
}
