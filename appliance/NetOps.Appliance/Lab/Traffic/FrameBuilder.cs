using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace NetOps.Appliance.Lab.Traffic;

[Flags]
internal enum TcpFlags : byte
{
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}

/// <summary>One end of a conversation as it appears on the wire.</summary>
internal readonly record struct Endpoint(PhysicalAddress Mac, IPAddress Address, ushort Port);

/// <summary>
/// Builds complete Ethernet frames (IPv4 or IPv6; TCP, UDP or ICMPv6) with correct lengths and
/// checksums, so tshark decodes the lab's traffic without a single expert warning.
/// </summary>
internal sealed class FrameBuilder
{
    private ushort _ipId = 0x1000;

    private const int EthernetHeader = 14;

    public byte[] Udp(Endpoint source, Endpoint destination, ReadOnlySpan<byte> payload, byte hopLimit = 64)
    {
        var l4 = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(l4, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(2), destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(4), (ushort)l4.Length);
        payload.CopyTo(l4.AsSpan(8));
        return Ip(source, destination, ProtocolType.Udp, l4, checksumOffset: 6, hopLimit);
    }

    public byte[] Tcp(Endpoint source, Endpoint destination, uint sequence, uint acknowledgment, TcpFlags flags,
        ReadOnlySpan<byte> payload, ushort window = 64240, byte hopLimit = 64)
    {
        // SYN segments carry an MSS option (4 bytes), as every real stack does.
        var options = (flags & TcpFlags.Syn) != 0 ? 4 : 0;
        var headerLength = 20 + options;
        var l4 = new byte[headerLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(l4, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(2), destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(l4.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(l4.AsSpan(8), acknowledgment);
        l4[12] = (byte)(headerLength / 4 << 4);
        l4[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(14), window);
        if (options > 0)
        {
            l4[20] = 2;
            l4[21] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(22), source.Address.AddressFamily == AddressFamily.InterNetwork ? (ushort)1460 : (ushort)1440);
        }
        payload.CopyTo(l4.AsSpan(headerLength));
        return Ip(source, destination, ProtocolType.Tcp, l4, checksumOffset: 16, hopLimit);
    }

    public byte[] Icmpv6(Endpoint source, Endpoint destination, byte type, byte code, ReadOnlySpan<byte> body, byte hopLimit = 255)
    {
        var l4 = new byte[4 + body.Length];
        l4[0] = type;
        l4[1] = code;
        body.CopyTo(l4.AsSpan(4));
        return Ip(source, destination, ProtocolType.IcmpV6, l4, checksumOffset: 2, hopLimit);
    }

    private byte[] Ip(Endpoint source, Endpoint destination, ProtocolType protocol, byte[] l4, int checksumOffset, byte hopLimit)
    {
        var v4 = source.Address.AddressFamily == AddressFamily.InterNetwork;
        if (v4 != (destination.Address.AddressFamily == AddressFamily.InterNetwork))
            throw new ArgumentException("source and destination are of different IP versions");
        var ipHeader = v4 ? 20 : 40;
        var frame = new byte[EthernetHeader + ipHeader + l4.Length];
        destination.Mac.GetAddressBytes().CopyTo(frame, 0);
        source.Mac.GetAddressBytes().CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), v4 ? (ushort)0x0800 : (ushort)0x86dd);
        var ip = frame.AsSpan(EthernetHeader, ipHeader);
        var src = source.Address.GetAddressBytes();
        var dst = destination.Address.GetAddressBytes();
        if (v4)
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(ipHeader + l4.Length));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], _ipId++);
            ip[6] = 0x40; // don't fragment
            ip[8] = hopLimit;
            ip[9] = (byte)protocol;
            src.CopyTo(ip[12..]);
            dst.CopyTo(ip[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip, 0));
        }
        else
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)l4.Length);
            ip[6] = (byte)protocol;
            ip[7] = hopLimit;
            src.CopyTo(ip[8..]);
            dst.CopyTo(ip[24..]);
        }
        var pseudo = PseudoHeaderSum(src, dst, protocol, l4.Length);
        var sum = Checksum(l4, pseudo);
        // UDP transmits a computed zero as all ones (RFC 768).
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(checksumOffset), protocol == ProtocolType.Udp && sum == 0 ? (ushort)0xffff : sum);
        l4.CopyTo(frame, EthernetHeader + ipHeader);
        return frame;
    }

    private static uint PseudoHeaderSum(byte[] source, byte[] destination, ProtocolType protocol, int length)
    {
        uint sum = 0;
        for (var i = 0; i < source.Length; i += 2)
            sum += (uint)(source[i] << 8 | source[i + 1]) + (uint)(destination[i] << 8 | destination[i + 1]);
        return sum + (uint)protocol + (uint)(length >> 16) + (uint)(length & 0xffff);
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += (uint)(data[i] << 8 | data[i + 1]);
        if (i < data.Length)
            sum += (uint)(data[i] << 8);
        while (sum >> 16 != 0)
            sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
