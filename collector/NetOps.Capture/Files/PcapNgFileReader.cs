using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace NetOps.Capture.Files;

/// <summary>
/// pcapng: sections in either byte order, interfaces each with their own link type, snaplen,
/// if_tsresol (10^-n or 2^-n) and if_tsoffset; enhanced, simple and obsolete packet blocks. Name
/// resolution, statistics, decryption-secret, custom and unknown blocks are skipped by their length.
/// A block whose framing is intact but whose content is bad is skipped and counted; a block whose
/// length cannot be trusted stops the reader, since the next block cannot be found.
/// </summary>
public sealed class PcapNgFileReader : CaptureFileReader
{
    public const uint SectionHeaderBlock = 0x0A0D0D0A;
    public const uint InterfaceDescriptionBlock = 1;
    public const uint ObsoletePacketBlock = 2;
    public const uint SimplePacketBlock = 3;
    public const uint EnhancedPacketBlock = 6;
    internal const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>Interfaces accepted per section; more are counted as <see cref="MalformedReason.TooManyInterfaces"/>.</summary>
    public const int MaxInterfaces = 4096;

    /// <summary>Longest block accepted; longer is <see cref="MalformedReason.BlockLengthTooLarge"/> and stops.</summary>
    public const int MaxBlockLength = 16 * 1024 * 1024;

    private const int PacketDataOffset = 28;
    private const ushort OptionIfName = 2;
    private const ushort OptionIfTsResol = 9;
    private const ushort OptionIfTsOffset = 14;

    private readonly List<CaptureInterface> _described = [];
    private InterfaceState[] _interfaces = new InterfaceState[4];
    private int _interfaceCount;
    private bool _bigEndian;

    internal PcapNgFileReader(string path, FileWindow window) : base(path, CaptureFileFormat.PcapNg, window)
    {
        // Read the first section's header and interfaces, up to its first packet, so a file none of
        // whose interfaces NetOps decodes is refused at once.
        while (TryPeekBlock(out var type, out var block) && !IsPacket(type))
        {
            Window.Advance(block.Length);
            HandleMetadata(type, block);
        }
        if (Sections == 0)
            throw new CaptureFileException(path, Statistics.StopMessage ?? "no pcapng section header");
        if (_interfaceCount > 0 && !AnyInterfaceDecoded())
            throw new UnsupportedLinkTypeException(path, _interfaces[0].LinkTypeNumber);
    }

    /// <summary>Section headers read so far.</summary>
    public int Sections { get; private set; }

    /// <summary>Blocks skipped by design (name resolution, statistics, secrets, custom, unknown types).</summary>
    public long SkippedBlocks { get; private set; }

    /// <summary>The interfaces described so far, every section (at most <see cref="MaxInterfaces"/> kept).</summary>
    public IReadOnlyList<CaptureInterface> Interfaces => _described;

    /// <summary>Byte order of the current section.</summary>
    public bool BigEndian => _bigEndian;

    public override bool TryReadNext(out FrameHeader header, out ReadOnlySpan<byte> data)
    {
        while (TryPeekBlock(out var type, out var block))
        {
            // The span stays valid after advancing: the buffer changes only on the next peek.
            Window.Advance(block.Length);
            if (IsPacket(type))
            {
                if (TryPacket(type, block, out header, out data))
                    return true;
            }
            else
            {
                HandleMetadata(type, block);
            }
        }
        header = default;
        data = default;
        return false;
    }

    private bool AnyInterfaceDecoded()
    {
        for (var i = 0; i < _interfaceCount; i++)
        {
            if (_interfaces[i].LinkType is not null)
                return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPacket(uint type) => type is EnhancedPacketBlock or SimplePacketBlock or ObsoletePacketBlock;

    /// <summary>The whole next block (type, length, body, trailing length), framing checked; not consumed.</summary>
    private bool TryPeekBlock(out uint type, out ReadOnlySpan<byte> block)
    {
        type = 0;
        block = default;
        if (Stopped)
            return false;
        if (!Window.TryPeek(8, out block))
        {
            if (block.Length > 0 || Window.ReadError is not null)
                StopTruncated(MalformedReason.TruncatedHeader, "a block header");
            return false;
        }
        type = U32(block);
        if (type == SectionHeaderBlock)
        {
            // The section's byte order comes from its own header, before its length can be read.
            if (!Window.TryPeek(12, out block))
            {
                StopTruncated(MalformedReason.TruncatedHeader, "a section header");
                return false;
            }
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(block[8..]);
            if (magic == ByteOrderMagic)
                _bigEndian = false;
            else if (magic == BinaryPrimitives.ReverseEndianness(ByteOrderMagic))
                _bigEndian = true;
            else
            {
                Stop(MalformedReason.SectionHeaderInvalid, $"section header at offset {Window.Position} has byte-order magic 0x{magic:x8}");
                return false;
            }
        }
        var length = U32(block[4..]);
        if (length < 12 || length % 4 != 0)
        {
            Stop(MalformedReason.BlockLengthInvalid, $"block at offset {Window.Position} (type 0x{type:x}) has length {length}");
            return false;
        }
        if (length > MaxBlockLength)
        {
            Stop(MalformedReason.BlockLengthTooLarge, $"block at offset {Window.Position} (type 0x{type:x}) has length {length} (maximum {MaxBlockLength})");
            return false;
        }
        if (!Window.TryPeek((int)length, out block))
        {
            StopTruncated(IsPacket(type) ? MalformedReason.TruncatedFrame : MalformedReason.TruncatedHeader, $"a block of {length} bytes");
            return false;
        }
        if (U32(block[^4..]) != length)
        {
            Stop(MalformedReason.BlockTrailerMismatch, $"block at offset {Window.Position} (type 0x{type:x}) has length {length} but trailing length {U32(block[^4..])}");
            return false;
        }
        return true;
    }

    private void HandleMetadata(uint type, ReadOnlySpan<byte> block)
    {
        switch (type)
        {
            case SectionHeaderBlock:
                ReadSectionHeader(block);
                break;
            case InterfaceDescriptionBlock:
                ReadInterface(block);
                break;
            default:
                SkippedBlocks++;
                break;
        }
    }

    private void ReadSectionHeader(ReadOnlySpan<byte> block)
    {
        // type, length, byte-order magic, major, minor, section length (8), options, length
        if (block.Length < 28)
        {
            Stop(MalformedReason.SectionHeaderInvalid, $"section header at offset {Window.Position - block.Length} is {block.Length} bytes (minimum 28)");
            return;
        }
        var major = U16(block[12..]);
        if (major != 1)
        {
            Stop(MalformedReason.SectionHeaderInvalid, $"section header at offset {Window.Position - block.Length} has version {major}.{U16(block[14..])} (only 1.x)");
            return;
        }
        Sections++;
        _interfaceCount = 0;
    }

    private void ReadInterface(ReadOnlySpan<byte> block)
    {
        // type, length, link type (2), reserved (2), snaplen (4), options, length
        if (block.Length < 20)
        {
            Statistics.Count(MalformedReason.BlockTooShort);
            return;
        }
        if (_interfaceCount >= MaxInterfaces)
        {
            Statistics.Count(MalformedReason.TooManyInterfaces);
            return;
        }
        var linkType = (uint)U16(block[8..]);
        var snaplen = U32(block[12..]);
        byte resolution = 6;
        var scale = TimestampScale.Microseconds;
        long offsetSeconds = 0;
        string? name = null;
        var options = new PcapNgOptionReader(block[16..^4], _bigEndian);
        while (options.TryNext(out var code, out var value))
        {
            switch (code)
            {
                case OptionIfTsResol when value.Length == 1 && TimestampScale.FromResolution(value[0]) is { } s:
                    resolution = value[0];
                    scale = s;
                    break;
                case OptionIfTsOffset when value.Length == 8:
                    offsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
                    break;
                case OptionIfName when _described.Count < MaxInterfaces:
                    name = Encoding.UTF8.GetString(value.TrimEnd((byte)0));
                    break;
                case OptionIfTsResol or OptionIfTsOffset:
                    Statistics.Count(MalformedReason.OptionInvalid);
                    break;
            }
        }
        if (options.Invalid)
            Statistics.Count(MalformedReason.OptionInvalid);

        if (_interfaceCount == _interfaces.Length)
            Array.Resize(ref _interfaces, _interfaces.Length * 2);
        var offsetNanos = offsetSeconds is > long.MaxValue / 1_000_000_000 or < long.MinValue / 1_000_000_000 ? 0 : offsetSeconds * 1_000_000_000;
        var decoded = LinkTypes.FromNumber(linkType);
        _interfaces[_interfaceCount] = new InterfaceState(decoded, linkType, snaplen, scale, offsetNanos);
        if (_described.Count < MaxInterfaces)
            _described.Add(new CaptureInterface(Sections - 1, _interfaceCount, linkType, decoded, snaplen, resolution, offsetSeconds, name));
        _interfaceCount++;
    }

    private bool TryPacket(uint type, ReadOnlySpan<byte> block, out FrameHeader header, out ReadOnlySpan<byte> data)
    {
        header = default;
        data = default;
        int interfaceId;
        uint captured, original;
        ulong units = 0;
        var dataOffset = PacketDataOffset;
        if (type == SimplePacketBlock)
        {
            // type, length, original length, data, length
            if (block.Length < 16)
                return Skip(MalformedReason.BlockTooShort);
            interfaceId = 0;
            dataOffset = 12;
            original = U32(block[8..]);
            captured = original;
            if (_interfaceCount > 0 && _interfaces[0].Snaplen != 0 && captured > _interfaces[0].Snaplen)
                captured = _interfaces[0].Snaplen;
        }
        else
        {
            // type, length, interface id (EPB: 4; obsolete PB: 2 + drops count 2), timestamp high, low,
            // captured length, original length, data, options, length
            if (block.Length < 32)
                return Skip(MalformedReason.BlockTooShort);
            var id = type == EnhancedPacketBlock ? U32(block[8..]) : U16(block[8..]);
            interfaceId = id < int.MaxValue ? (int)id : int.MaxValue;
            units = ((ulong)U32(block[12..]) << 32) | U32(block[16..]);
            captured = U32(block[20..]);
            original = U32(block[24..]);
        }
        if ((uint)interfaceId >= (uint)_interfaceCount)
            return Skip(MalformedReason.UnknownInterface);
        ref readonly var iface = ref _interfaces[interfaceId];
        if (iface.LinkType is not { } linkType)
            return Skip(MalformedReason.UnsupportedLinkType);
        if (captured > MaxFrameLength)
            return Skip(MalformedReason.CapturedLengthTooLarge);
        if (captured > block.Length - dataOffset - 4)
            return Skip(MalformedReason.CapturedLengthExceedsBlock);
        var length = (int)captured;
        if (iface.Snaplen != 0 && captured > iface.Snaplen)
            Statistics.Count(MalformedReason.CapturedOverSnaplen);

        long nanos = 0;
        if (type != SimplePacketBlock)
        {
            if (!iface.Scale.TryToNanoseconds(units, out nanos))
                Statistics.Count(MalformedReason.TimestampOutOfRange);
            else if (iface.OffsetNanos != 0)
                nanos = AddOffset(nanos, iface.OffsetNanos);
        }
        var wire = FrameLengths.Original(original, length, Statistics);
        header = new FrameHeader(nanos, length, wire, linkType, interfaceId);
        data = block.Slice(dataOffset, length);
        Statistics.CountFrame(wire, length);
        return true;
    }

    private long AddOffset(long nanos, long offset)
    {
        var sum = nanos + offset;
        // Signed overflow: both operands share a sign the sum does not have.
        if (((nanos ^ sum) & (offset ^ sum)) < 0)
        {
            Statistics.Count(MalformedReason.TimestampOutOfRange);
            return nanos;
        }
        return sum;
    }

    private bool Skip(MalformedReason reason)
    {
        Statistics.Count(reason);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint U32(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort U16(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private readonly record struct InterfaceState(LinkType? LinkType, uint LinkTypeNumber, uint Snaplen, TimestampScale Scale, long OffsetNanos);
}
