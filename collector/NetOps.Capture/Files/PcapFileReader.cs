using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace NetOps.Capture.Files;

/// <summary>
/// Classic pcap (tcpdump.org's libpcap format): either byte order, microsecond or nanosecond
/// timestamps, one link type for the whole file. A record that cannot be trusted stops the reader:
/// pcap has no block structure to resynchronise on.
/// </summary>
public sealed class PcapFileReader : CaptureFileReader
{
    internal const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private readonly bool _bigEndian;
    private readonly long _fractionToNanos;
    private readonly uint _fractionsPerSecond;
    private readonly int _effectiveSnaplen;
    private readonly LengthOrder _lengthOrder;

    internal PcapFileReader(string path, FileWindow window, ReadOnlySpan<byte> fileHeader, bool bigEndian, bool nanoseconds)
        : base(path, nanoseconds ? CaptureFileFormat.PcapNanoseconds : CaptureFileFormat.Pcap, window)
    {
        _bigEndian = bigEndian;
        _fractionsPerSecond = nanoseconds ? 1_000_000_000u : 1_000_000u;
        _fractionToNanos = nanoseconds ? 1 : 1000;
        var major = U16(fileHeader[4..]);
        if (major != 2)
            throw new CaptureFileException(path, $"pcap version {major}.{U16(fileHeader[6..])} is not supported (only 2.x)");
        // libpcap before 2.3 wrote the captured and wire lengths the other way round; 2.3 did either.
        var minor = U16(fileHeader[6..]);
        _lengthOrder = minor < 3 ? LengthOrder.Swapped : minor == 3 ? LengthOrder.MaybeSwapped : LengthOrder.Normal;
        Snaplen = U32(fileHeader[16..]);
        // The upper bits carry the FCS length flag (and are reserved otherwise): the link type is the low 26.
        LinkTypeNumber = U32(fileHeader[20..]) & 0x03FF_FFFF;
        LinkType = LinkTypes.FromNumber(LinkTypeNumber) ?? throw new UnsupportedLinkTypeException(path, LinkTypeNumber);
        // As libpcap: a snaplen of 0 or above the maximum means the maximum.
        _effectiveSnaplen = Snaplen == 0 || Snaplen > MaxFrameLength ? MaxFrameLength : (int)Snaplen;
        window.Advance(FileHeaderLength);
    }

    public bool BigEndian => _bigEndian;

    /// <summary>The snaplen the file header declares.</summary>
    public uint Snaplen { get; }

    public LinkType LinkType { get; }

    /// <summary>The link type number as the header has it (after masking off the FCS bits).</summary>
    public uint LinkTypeNumber { get; }

    public override bool TryReadNext(out FrameHeader header, out ReadOnlySpan<byte> data)
    {
        header = default;
        data = default;
        if (Stopped)
            return false;
        if (!Window.TryPeek(RecordHeaderLength, out var record))
        {
            if (record.Length > 0 || Window.ReadError is not null)
                StopTruncated(MalformedReason.TruncatedHeader, "a record header");
            return false;
        }
        var seconds = U32(record);
        var fraction = U32(record[4..]);
        var captured = U32(record[8..]);
        var original = U32(record[12..]);
        if (_lengthOrder != LengthOrder.Normal && (_lengthOrder == LengthOrder.Swapped || captured > original))
            (captured, original) = (original, captured);
        if (captured > MaxFrameLength)
        {
            Stop(MalformedReason.CapturedLengthTooLarge, $"record at offset {Window.Position} claims {captured} captured bytes (maximum {MaxFrameLength})");
            return false;
        }
        var length = (int)captured;
        if (!Window.TryPeek(RecordHeaderLength + length, out record))
        {
            StopTruncated(MalformedReason.TruncatedFrame, "a frame");
            return false;
        }
        Window.Advance(RecordHeaderLength + length);

        if (length > _effectiveSnaplen)
            Statistics.Count(MalformedReason.CapturedOverSnaplen);
        if (fraction >= _fractionsPerSecond)
            Statistics.Count(MalformedReason.TimestampOutOfRange);
        var wire = FrameLengths.Original(original, length, Statistics);
        header = new FrameHeader(seconds * 1_000_000_000L + fraction * _fractionToNanos, length, wire, LinkType, 0);
        data = record.Slice(RecordHeaderLength, length);
        Statistics.CountFrame(wire, length);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint U32(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private enum LengthOrder { Normal, Swapped, MaybeSwapped }

    private ushort U16(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
