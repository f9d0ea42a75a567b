using System.Buffers.Binary;
using System.Net;

namespace NetOps.Analyzer.Tests.Decoding;

/// <summary>
/// Hand-built headers for decoder tests, each wrapping the bytes it is given: read inside out, e.g.
/// <c>Ethernet(0x0800, Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(1234, 53, data)))</c>. Lengths are
/// filled in from what is wrapped unless a test overrides them to build a lie.
/// </summary>
internal static class Build
{
    public static readonly byte[] MacA = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0a];
    public static readonly byte[] MacB = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0b];

    public static byte[] Bytes(int count, byte value = 0x5a) => Enumerable.Repeat(value, count).ToArray();

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Address(string text) => IPAddress.Parse(text).GetAddressBytes();

    // ---- link layers

    public static byte[] Ethernet(ushort type, byte[] payload, byte[]? destination = null, byte[]? source = null) =>
        Concat(destination ?? MacB, source ?? MacA, U16(type), payload);

    /// <summary>The 4 bytes after a tag protocol identifier (the type that preceded): TCI and the next type.</summary>
    public static byte[] VlanTag(ushort id, ushort next, byte[] payload, byte priority = 0) =>
        Concat(U16((priority << 13) | id), U16(next), payload);

    public static byte[] Mpls(uint label, bool bottom, byte[] payload, byte ttl = 64) =>
        Concat(U32((label << 12) | (bottom ? 0x100u : 0) | ttl), payload);

    public static byte[] Pppoe(byte code, ushort session, byte[] payload, int? length = null) =>
        Concat([0x11, code], U16(session), U16(length ?? payload.Length), payload);

    public static byte[] Ppp(ushort protocol, byte[] payload) => Concat(U16(protocol), payload);

    /// <summary>LINKTYPE_LINUX_SLL: packet type 0, ARPHRD_ETHER with MAC A unless told otherwise.</summary>
    public static byte[] Sll(ushort protocol, byte[] payload, ushort arphrd = 1, byte[]? address = null)
    {
        var a = address ?? MacA;
        return Concat(U16(0), U16(arphrd), U16(a.Length), a, Bytes(8 - a.Length, 0), U16(protocol), payload);
    }

    /// <summary>LINKTYPE_LINUX_SLL2: interface 1, ARPHRD_ETHER with MAC A.</summary>
    public static byte[] Sll2(ushort protocol, byte[] payload) =>
        Concat(U16(protocol), U16(0), U32(1), U16(1), [0, 6], MacA, [0, 0], payload);

    /// <summary>BSD Null (host byte order, little-endian here) or, with <paramref name="loop"/>, OpenBSD Loop (network order).</summary>
    public static byte[] Loopback(uint family, byte[] payload, bool loop = false)
    {
        var header = new byte[4];
        if (loop)
            BinaryPrimitives.WriteUInt32BigEndian(header, family);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(header, family);
        return Concat(header, payload);
    }

    // ---- IP

    public static byte[] Ipv4(string source, string destination, byte protocol, byte[] payload, byte[]? options = null,
        ushort id = 1, bool dontFragment = false, bool moreFragments = false, int fragmentOffset = 0, int? totalLength = null,
        byte ttl = 64, int? headerWords = null, int version = 4)
    {
        options ??= [];
        var headerLength = 20 + options.Length;
        var flags = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset / 8);
        var header = Concat(
            [(byte)((version << 4) | (headerWords ?? headerLength / 4)), 0],
            U16(totalLength ?? headerLength + payload.Length), U16(id), U16(flags), [ttl, protocol], U16(0),
            Address(source), Address(destination), options);
        var sum = 0u;
        for (var i = 0; i < header.Length; i += 2)
            sum += (uint)(header[i] << 8 | header[i + 1]);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum += sum >> 16;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)~sum);
        return Concat(header, payload);
    }

    public static byte[] Ipv6(string source, string destination, byte next, byte[] payload, int? payloadLength = null, byte hopLimit = 64, int version = 6) =>
        Concat(U32((uint)version << 28), U16(payloadLength ?? payload.Length), [next, hopLimit], Address(source), Address(destination), payload);

    /// <summary>Hop-by-hop, routing or destination options: <paramref name="units"/> × 8 bytes after the first 8 (PadN filled).</summary>
    public static byte[] Options(byte next, byte[] payload, int units = 0)
    {
        var length = 8 * (units + 1);
        return Concat([next, (byte)units, 1, (byte)(length - 4)], Bytes(length - 4, 0), payload);
    }

    public static byte[] Fragment(byte next, int offset, bool more, uint id, byte[] payload) =>
        Concat([next, 0], U16(offset | (more ? 1 : 0)), U32(id), payload);

    public static byte[] AuthenticationHeader(byte next, byte[] payload) =>
        Concat([next, 4, 0, 0], U32(0x100), U32(1), Bytes(12, 0), payload);

    // ---- transport

    public static byte[] Udp(ushort source, ushort destination, byte[] payload, int? length = null) =>
        Concat(U16(source), U16(destination), U16(length ?? 8 + payload.Length), U16(0), payload);

    public static byte[] Tcp(ushort source, ushort destination, TcpFlags flags, byte[] payload, byte[]? options = null,
        uint sequence = 1000, uint acknowledgement = 0, int? dataOffsetWords = null)
    {
        options ??= [];
        var words = dataOffsetWords ?? (20 + options.Length) / 4;
        return Concat(U16(source), U16(destination), U32(sequence), U32(acknowledgement),
            [(byte)((words << 4) | ((int)flags >> 8)), (byte)flags], U16(65535), U16(0), U16(0), options, payload);
    }

    public static byte[] Icmp(byte type, byte code, ushort identifier, ushort sequence, byte[] payload) =>
        Concat([type, code], U16(0), U16(identifier), U16(sequence), payload);

    public static byte[] Icmpv6(byte type, byte code, byte[] body) => Concat([type, code], U16(0), body);

    public static byte[] NeighborSolicitation(string target, params byte[][] options) =>
        Icmpv6(135, 0, Concat(U32(0), Address(target), Concat(options)));

    public static byte[] NeighborAdvertisement(string target, params byte[][] options) =>
        Icmpv6(136, 0, Concat(U32(0x6000_0000), Address(target), Concat(options)));

    public static byte[] RouterAdvertisement(params byte[][] options) =>
        Icmpv6(134, 0, Concat([64, 0], U16(1800), U32(0), U32(0), Concat(options)));

    /// <summary>A source (1) or target (2) link-layer address option with a 6-byte MAC.</summary>
    public static byte[] LinkLayerOption(byte type, byte[] mac) => Concat([type, 1], mac);

    // ---- tunnels

    public static byte[] Gre(ushort protocol, byte[] payload, uint? key = null, uint? sequence = null, bool checksum = false)
    {
        var flags = (checksum ? 0x8000 : 0) | (key is null ? 0 : 0x2000) | (sequence is null ? 0 : 0x1000);
        return Concat(U16(flags), U16(protocol), checksum ? U32(0) : [], key is { } k ? U32(k) : [], sequence is { } s ? U32(s) : [], payload);
    }

    /// <summary>PPTP's enhanced GRE (version 1): key = payload length and call id, optional sequence number.</summary>
    public static byte[] Pptp(ushort callId, byte[] payload, uint? sequence = null) =>
        Concat(U16(0x2001 | (sequence is null ? 0 : 0x1000)), U16(0x880B), U16(payload.Length), U16(callId),
            sequence is { } s ? U32(s) : [], payload);

    public static byte[] Vxlan(uint networkId, byte[] payload) => Concat([0x08, 0, 0, 0], U32(networkId << 8), payload);

    /// <summary>Teredo with an origin indicator (port 3544 obfuscated, 192.0.2.1 obfuscated).</summary>
    public static byte[] TeredoOrigin(byte[] payload) => Concat(U16(0), U16(~3544 & 0xFFFF), U32(~0xC0000201u), payload);

    /// <summary>AYIYA: identity 16 bytes (type 1, IPv6 address), SHA-1 signature (20 bytes), opcode and next header.</summary>
    public static byte[] Ayiya(byte opcode, byte next, byte[] payload) =>
        Concat([0x41, 0x52, (byte)(0x10 | opcode), next], U32(1_300_000_000), Bytes(16, 0x20), Bytes(20, 0x33), payload);
}
