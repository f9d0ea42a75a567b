using System.Buffers.Binary;

namespace NetOps.Analyzer.Decoding;

/// <summary>
/// A GRE header: version 0 (RFC 2784 with the key and sequence number of RFC 2890, and RFC 1701's
/// routing entries when the R bit is set) or version 1, PPTP's enhanced GRE (RFC 2637: key = payload
/// length and call id, optional sequence and acknowledgement numbers).
/// </summary>
public readonly ref struct GreReader
{
    public const int MinimumHeaderLength = 4;

    private const ushort ChecksumBit = 0x8000;
    private const ushort RoutingBit = 0x4000;
    private const ushort KeyBit = 0x2000;
    private const ushort SequenceBit = 0x1000;
    private const ushort AcknowledgementBit = 0x0080;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _keyOffset;
    private readonly int _sequenceOffset;
    private readonly int _acknowledgementOffset;

    private GreReader(ReadOnlySpan<byte> data, int headerLength, int keyOffset, int sequenceOffset, int acknowledgementOffset)
    {
        _data = data;
        HeaderLength = headerLength;
        _keyOffset = keyOffset;
        _sequenceOffset = sequenceOffset;
        _acknowledgementOffset = acknowledgementOffset;
    }

    /// <summary>
    /// Reads the header with its optional fields. <see cref="MalformedReason.TruncatedGre"/> when the
    /// bytes end first, <see cref="MalformedReason.BadGreHeader"/> for a version other than 0 and 1
    /// or a version 1 header without its key.
    /// </summary>
    public static MalformedReason TryRead(ReadOnlySpan<byte> data, out GreReader reader)
    {
        reader = default;
        if (data.Length < MinimumHeaderLength)
            return MalformedReason.TruncatedGre;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data);
        var version = flags & 7;
        var offset = MinimumHeaderLength;
        int keyOffset = -1, sequenceOffset = -1, acknowledgementOffset = -1;
        if (version == 0)
        {
            if ((flags & (ChecksumBit | RoutingBit)) != 0)
                offset += 4;
            if ((flags & KeyBit) != 0)
            {
                keyOffset = offset;
                offset += 4;
            }
            if ((flags & SequenceBit) != 0)
            {
                sequenceOffset = offset;
                offset += 4;
            }
            if ((flags & RoutingBit) != 0)
            {
                // RFC 1701 source route entries: address family (2), offset (1), length (1), then length bytes; ends with length 0.
                while (true)
                {
                    if (data.Length < offset + 4)
                        return MalformedReason.TruncatedGre;
                    var length = data[offset + 3];
                    offset += 4 + length;
                    if (length == 0)
                        break;
                }
            }
        }
        else if (version == 1)
        {
            if ((flags & KeyBit) == 0)
                return MalformedReason.BadGreHeader;
            keyOffset = offset;
            offset += 4;
            if ((flags & SequenceBit) != 0)
            {
                sequenceOffset = offset;
                offset += 4;
            }
            if ((flags & AcknowledgementBit) != 0)
            {
                acknowledgementOffset = offset;
                offset += 4;
            }
        }
        else
        {
            return MalformedReason.BadGreHeader;
        }
        if (data.Length < offset)
            return MalformedReason.TruncatedGre;
        reader = new GreReader(data, offset, keyOffset, sequenceOffset, acknowledgementOffset);
        return MalformedReason.None;
    }

    private ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(_data);

    public byte Version => (byte)(Flags & 7);

    public bool HasChecksum => (Flags & ChecksumBit) != 0;

    /// <summary>An EtherType: 0x0800, 0x86dd, 0x6558 (Ethernet), 0x88be/0x22eb (ERSPAN), 0x880b (PPP), 0x8847 (MPLS)…</summary>
    public ushort ProtocolType => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    /// <summary>Header length with checksum, key, sequence, acknowledgement and routing fields.</summary>
    public int HeaderLength { get; }

    public bool HasKey => _keyOffset >= 0;

    /// <summary>The key (for PPTP: payload length in the high half, call id in the low half).</summary>
    public uint Key => HasKey ? BinaryPrimitives.ReadUInt32BigEndian(_data[_keyOffset..]) : 0;

    public bool HasSequenceNumber => _sequenceOffset >= 0;

    public uint SequenceNumber => HasSequenceNumber ? BinaryPrimitives.ReadUInt32BigEndian(_data[_sequenceOffset..]) : 0;

    public bool HasAcknowledgementNumber => _acknowledgementOffset >= 0;

    public uint AcknowledgementNumber => HasAcknowledgementNumber ? BinaryPrimitives.ReadUInt32BigEndian(_data[_acknowledgementOffset..]) : 0;

    /// <summary>PPTP: the payload length carried in the key's high half.</summary>
    public ushort PptpPayloadLength => (ushort)(Key >> 16);

    public ReadOnlySpan<byte> Payload => _data[HeaderLength..];
}
