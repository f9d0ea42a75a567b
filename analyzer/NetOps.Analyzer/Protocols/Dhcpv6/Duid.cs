using System.Buffers.Binary;
using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Protocols.Dhcpv6;

/// <summary>DHCP Unique Identifier (RFC 8415 §11): the link-layer address inside DUID-LLT and DUID-LL.</summary>
public static class Duid
{
    public const ushort LinkLayerPlusTime = 1;
    public const ushort EnterpriseNumber = 2;
    public const ushort LinkLayer = 3;
    public const ushort Uuid = 4;

    private const ushort EthernetHardwareType = 1;

    /// <summary>The MAC of a DUID-LLT or DUID-LL over Ethernet; false for other DUIDs.</summary>
    public static bool TryGetMac(ReadOnlySpan<byte> duid, out MacAddress mac)
    {
        mac = default;
        if (duid.Length < 4 || BinaryPrimitives.ReadUInt16BigEndian(duid[2..]) != EthernetHardwareType)
            return false;
        var address = BinaryPrimitives.ReadUInt16BigEndian(duid) switch
        {
            LinkLayerPlusTime => duid[8..],
            LinkLayer => duid[4..],
            _ => default,
        };
        if (address.Length != 6)
            return false;
        mac = MacAddress.Read(address);
        return true;
    }
}
