using System.Buffers.Binary;

namespace NetOps.Appliance.Lab.Traffic;

/// <summary>Writes a classic pcap file (nanosecond magic, Ethernet) that tcpdump, tshark and tcpreplay read.</summary>
internal sealed class PcapWriter : IDisposable
{
    private const uint NanosecondMagic = 0xa1b23c4d;
    private const uint LinkTypeEthernet = 1;
    private readonly Stream _stream;
    private readonly byte[] _recordHeader = new byte[16];

    public PcapWriter(Stream stream, int snapLength = 262144)
    {
        _stream = stream;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        _stream.Write(header);
    }

    public long Frames { get; private set; }

    public void Write(long timestampNanos, ReadOnlySpan<byte> frame)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader, (uint)(timestampNanos / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(4), (uint)(timestampNanos % 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(8), (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(12), (uint)frame.Length);
        _stream.Write(_recordHeader);
        _stream.Write(frame);
        Frames++;
    }

    public void Dispose() => _stream.Flush();
}
