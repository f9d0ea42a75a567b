namespace NetOps.Analyzer.Decoding;

/// <summary>IP protocol / IPv6 next-header numbers the decoder follows.</summary>
public static class IpProtocols
{
    public const byte HopByHop = 0;
    public const byte Icmp = 1;
    public const byte IPv4 = 4;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte IPv6 = 41;
    public const byte Routing = 43;
    public const byte Fragment = 44;
    public const byte Gre = 47;
    public const byte Esp = 50;
    public const byte AuthenticationHeader = 51;
    public const byte Icmpv6 = 58;
    public const byte NoNextHeader = 59;
    public const byte DestinationOptions = 60;
    public const byte Mobility = 135;
    public const byte Hip = 139;
    public const byte Shim6 = 140;
}
