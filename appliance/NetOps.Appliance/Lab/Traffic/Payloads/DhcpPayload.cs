using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;

namespace NetOps.Appliance.Lab.Traffic.Payloads;

internal enum DhcpMessageType : byte
{
    Discover = 1,
    Offer = 2,
    Request = 3,
    Ack = 5,
}

/// <summary>DHCPv4 messages (RFC 2131/2132) of one lease: DISCOVER, OFFER, REQUEST, ACK.</summary>
internal static class DhcpPayload
{
    public static byte[] Client(DhcpMessageType type, uint transactionId, PhysicalAddress mac, string hostName, IPAddress requested, IPAddress server)
    {
        var options = new List<byte>();
        Option(options, 53, [(byte)type]);
        Option(options, 61, [1, .. mac.GetAddressBytes()]);
        Option(options, 12, Encoding.ASCII.GetBytes(hostName));
        Option(options, 60, Encoding.ASCII.GetBytes("MSFT 5.0"));
        if (type == DhcpMessageType.Request)
        {
            Option(options, 50, requested.GetAddressBytes());
            Option(options, 54, server.GetAddressBytes());
        }
        Option(options, 55, [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252]);
        return Message(op: 1, transactionId, mac, IPAddress.Any, options);
    }

    public static byte[] Server(DhcpMessageType type, uint transactionId, PhysicalAddress mac, IPAddress offered, IPAddress server,
        IPAddress router, IPAddress dns, TimeSpan lease)
    {
        var options = new List<byte>();
        Option(options, 53, [(byte)type]);
        Option(options, 54, server.GetAddressBytes());
        var seconds = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(seconds, (uint)lease.TotalSeconds);
        Option(options, 51, seconds);
        Option(options, 1, [255, 255, 252, 0]);
        Option(options, 3, router.GetAddressBytes());
        Option(options, 6, dns.GetAddressBytes());
        Option(options, 15, Encoding.ASCII.GetBytes("campus.lab"));
        return Message(op: 2, transactionId, mac, offered, options);
    }

    private static void Option(List<byte> options, byte code, byte[] value)
    {
        options.Add(code);
        options.Add((byte)value.Length);
        options.AddRange(value);
    }

    private static byte[] Message(byte op, uint transactionId, PhysicalAddress mac, IPAddress yourAddress, List<byte> options)
    {
        var message = new byte[236 + 4 + options.Count + 1];
        message[0] = op;
        message[1] = 1; // Ethernet
        message[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(10), 0x8000); // broadcast: the client has no address yet
        yourAddress.GetAddressBytes().CopyTo(message, 16);
        mac.GetAddressBytes().CopyTo(message, 28);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(236), 0x63825363);
        options.CopyTo(message, 240);
        message[^1] = 255;
        return message;
    }
}
