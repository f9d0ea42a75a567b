using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// An ICMPv6 message (RFC 4443) with the neighbour discovery messages of RFC 4861: the fixed part of
/// RS, RA, NS, NA and redirect, and their options through <see cref="NdOptionReader"/>.
/// </summary>
public readonly ref struct Icmpv6Reader
{
    public const int MinimumLength = 4;

    public const byte DestinationUnreachable = 1;
    public const byte PacketTooBig = 2;
    public const byte TimeExceeded = 3;
    public const byte ParameterProblem = 4;
    public const byte EchoRequest = 128;
    public const byte EchoReply = 129;
    public const byte RouterSolicitation = 133;
    public const byte RouterAdvertisement = 134;
    public const byte NeighborSolicitation = 135;
    public const byte NeighborAdvertisement = 136;
    public const byte Redirect = 137;

    private readonly ReadOnlySpan<byte> _data;

    private Icmpv6Reader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>
    /// False when fewer than 4 bytes, or fewer than the fixed part of the message type, are given
    /// (8 for errors and echo, 8/16/24/24/40 for RS/RA/NS/NA/redirect).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out Icmpv6Reader reader)
    {
        reader = default;
        if (data.Length < MinimumLength || data.Length < FixedLength(data[0]))
            return false;
        reader = new Icmpv6Reader(data);
        return true;
    }

    /// <summary>The fixed part of a message type, before its body or options.</summary>
    public static int FixedLength(byte type) => type switch
    {
        RouterSolicitation => 8,
        RouterAdvertisement => 16,
        NeighborSolicitation or NeighborAdvertisement => 24,
        Redirect => 40,
        < 128 or EchoRequest or EchoReply => 8,
        _ => MinimumLength,
    };

    public byte Type => _data[0];

    public byte Code => _data[1];

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    /// <summary>The bytes before the body or options.</summary>
    public int HeaderLength => FixedLength(Type);

    public bool IsEcho => Type is EchoRequest or EchoReply;

    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_data[4..]);

    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_data[6..]);

    /// <summary>RS, RA, NS, NA, redirect.</summary>
    public bool IsNeighborDiscovery => Type is >= RouterSolicitation and <= Redirect;

    /// <summary>NS, NA and redirect carry a target address.</summary>
    public bool HasTarget => Type is NeighborSolicitation or NeighborAdvertisement or Redirect;

    public IpAddress Target => IpAddress.ReadIPv6(_data[8..]);

    /// <summary>NA flags: router, solicited, override (the top 3 bits of the first word after the checksum).</summary>
    public byte AdvertisementFlags => (byte)(_data[4] >> 5);

    /// <summary>Redirect: the destination that is redirected.</summary>
    public IpAddress RedirectDestination => IpAddress.ReadIPv6(_data[24..]);

    /// <summary>RA: the current hop limit advertised.</summary>
    public byte RouterHopLimit => _data[4];

    /// <summary>RA: router lifetime in seconds.</summary>
    public ushort RouterLifetime => BinaryPrimitives.ReadUInt16BigEndian(_data[6..]);

    /// <summary>What follows the fixed part: neighbour discovery options, echo data, or an error's quoted packet.</summary>
    public ReadOnlySpan<byte> Body => _data[HeaderLength..];
}
