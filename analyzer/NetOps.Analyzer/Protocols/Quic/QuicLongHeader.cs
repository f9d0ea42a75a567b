using System.Buffers.Binary;

namespace NetOps.Analyzer.Protocols.Quic;

/// <summary>
/// The long header of the first QUIC packet in a UDP datagram (RFC 9000 17.2; RFC 8999 for the
/// version-independent part): version, connection ids, and for Initial packets the token and the
/// Length that bounds the packet (coalesced packets may follow it in the datagram).
/// </summary>
public readonly ref struct QuicLongHeader
{
    private QuicLongHeader(byte firstByte, uint version, ReadOnlySpan<byte> dcid, ReadOnlySpan<byte> scid, ReadOnlySpan<byte> token,
        int packetNumberOffset, int packetLength)
    {
        FirstByte = firstByte;
        Version = version;
        DestinationConnectionId = dcid;
        SourceConnectionId = scid;
        Token = token;
        PacketNumberOffset = packetNumberOffset;
        PacketLength = packetLength;
    }

    public byte FirstByte { get; }

    public uint Version { get; }

    public ReadOnlySpan<byte> DestinationConnectionId { get; }

    public ReadOnlySpan<byte> SourceConnectionId { get; }

    public ReadOnlySpan<byte> Token { get; }

    /// <summary>Where the (protected) packet number starts.</summary>
    public int PacketNumberOffset { get; }

    /// <summary>Header plus protected payload, as the Length field says.</summary>
    public int PacketLength { get; }

    /// <summary>True for a long header (form bit) with the fixed bit: cheap, for deciding a flow may be QUIC.</summary>
    public static bool LooksLikeLongHeader(ReadOnlySpan<byte> datagram) => datagram.Length >= 7 && (datagram[0] & 0xC0) == 0xC0;

    /// <summary>Reads an Initial packet's header (false for other packet types, version negotiation or a header that runs past the datagram).</summary>
    public static bool TryReadInitial(ReadOnlySpan<byte> datagram, out QuicLongHeader header)
    {
        header = default;
        if (!LooksLikeLongHeader(datagram))
            return false;
        var version = BinaryPrimitives.ReadUInt32BigEndian(datagram[1..]);
        if (version == 0 || ((datagram[0] >> 4) & 0x3) != QuicVersion.InitialPacketType(version))
            return false;
        var position = 5;
        var dcidLength = datagram[position++];
        if (dcidLength > 20 || position + dcidLength + 1 > datagram.Length)
            return false;
        var dcid = datagram.Slice(position, dcidLength);
        position += dcidLength;
        var scidLength = datagram[position++];
        if (scidLength > 20 || position + scidLength > datagram.Length)
            return false;
        var scid = datagram.Slice(position, scidLength);
        position += scidLength;
        if (!QuicVarint.TryRead(datagram, ref position, out var tokenLength) || tokenLength > (ulong)(datagram.Length - position))
            return false;
        var token = datagram.Slice(position, (int)tokenLength);
        position += (int)tokenLength;
        if (!QuicVarint.TryRead(datagram, ref position, out var length) || length > (ulong)(datagram.Length - position))
            return false;
        header = new QuicLongHeader(datagram[0], version, dcid, scid, token, position, position + (int)length);
        return true;
    }
}
