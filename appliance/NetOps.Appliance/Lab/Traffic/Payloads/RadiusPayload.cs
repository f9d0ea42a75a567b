using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Appliance.Lab.Traffic.Payloads;

/// <summary>
/// RADIUS accounting (RFC 2866) as a wireless controller sends it when a student's device joins:
/// Accounting-Request (Start / Interim-Update) and the server's Accounting-Response, both with
/// authenticators computed from the shared secret.
/// </summary>
internal static class RadiusPayload
{
    public const byte AcctStart = 1;
    public const byte AcctInterim = 3;

    public static byte[] AccountingRequest(byte identifier, string secret, byte statusType, string userName, IPAddress nas,
        IPAddress framedIp, string callingStationMac, string sessionId, string ssid)
    {
        var attributes = new List<byte>();
        Attribute(attributes, 40, BigEndian(statusType));
        Attribute(attributes, 1, Encoding.UTF8.GetBytes(userName));
        Attribute(attributes, 4, nas.GetAddressBytes());
        Attribute(attributes, 8, framedIp.GetAddressBytes());
        Attribute(attributes, 31, Encoding.ASCII.GetBytes(callingStationMac));
        Attribute(attributes, 30, Encoding.ASCII.GetBytes("00-1E-C9-AC-00-01:" + ssid));
        Attribute(attributes, 44, Encoding.ASCII.GetBytes(sessionId));
        Attribute(attributes, 32, Encoding.ASCII.GetBytes("lab-wlc-1"));
        Attribute(attributes, 61, BigEndian(19)); // NAS-Port-Type: Wireless-802.11
        return Packet(4, identifier, new byte[16], attributes, secret);
    }

    public static byte[] AccountingResponse(ReadOnlySpan<byte> request, string secret) =>
        Packet(5, request[1], request.Slice(4, 16).ToArray(), [], secret);

    private static byte[] Packet(byte code, byte identifier, byte[] authenticatorInput, List<byte> attributes, string secret)
    {
        var packet = new byte[20 + attributes.Count];
        packet[0] = code;
        packet[1] = identifier;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        authenticatorInput.CopyTo(packet, 4);
        attributes.CopyTo(packet, 20);
        // Both authenticators are MD5(code | id | length | request authenticator or zeros | attributes | secret).
        var digest = MD5.HashData([.. packet, .. Encoding.UTF8.GetBytes(secret)]);
        digest.CopyTo(packet, 4);
        return packet;
    }

    private static void Attribute(List<byte> attributes, byte type, byte[] value)
    {
        attributes.Add(type);
        attributes.Add((byte)(value.Length + 2));
        attributes.AddRange(value);
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
