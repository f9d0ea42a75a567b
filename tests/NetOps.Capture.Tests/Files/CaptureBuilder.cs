using System.Buffers.Binary;
using System.Text;

namespace NetOps.Capture.Tests.Files;

/// <summary>
/// Writes pcap and pcapng files byte by byte, in either byte order, with the blocks and options a
/// test needs; tshark then says what they contain, independently of NetOps's reader.
/// </summary>
internal sealed class CaptureBuilder(bool bigEndian)
{
    private readonly MemoryStream _out = new();

    public byte[] ToArray() => _out.ToArray();

    public CaptureBuilder Append(byte[] bytes)
    {
        _out.Write(bytes);
        return this;
    }

    // ---- classic pcap

    public CaptureBuilder PcapHeader(bool nanoseconds, uint linkType, uint snaplen = 262144, ushort minor = 4)
    {
        U32(nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u);
        U16(2);
        U16(minor);
        U32(0);
        U32(0);
        U32(snaplen);
        U32(linkType);
        return this;
    }

    public CaptureBuilder PcapRecord(uint seconds, uint fraction, ReadOnlySpan<byte> data, uint? original = null)
    {
        U32(seconds);
        U32(fraction);
        U32((uint)data.Length);
        U32(original ?? (uint)data.Length);
        _out.Write(data);
        return this;
    }

    // ---- pcapng

    public CaptureBuilder Section(params (ushort Code, byte[] Value)[] options)
    {
        var body = new MemoryStream();
        Put32(body, 0x1A2B3C4D);
        Put16(body, 1);
        Put16(body, 0);
        Put64(body, ulong.MaxValue);
        Options(body, options);
        return Block(0x0A0D0D0A, body.ToArray());
    }

    public CaptureBuilder Interface(ushort linkType, uint snaplen = 0, byte? tsresol = null, long? tsoffset = null, string? name = null)
    {
        var body = new MemoryStream();
        Put16(body, linkType);
        Put16(body, 0);
        Put32(body, snaplen);
        var options = new List<(ushort, byte[])>();
        if (name is not null)
            options.Add((2, Encoding.UTF8.GetBytes(name)));
        if (tsresol is { } r)
            options.Add((9, [r]));
        if (tsoffset is { } o)
        {
            var v = new byte[8];
            if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(v, o); else BinaryPrimitives.WriteInt64LittleEndian(v, o);
            options.Add((14, v));
        }
        Options(body, [.. options]);
        return Block(1, body.ToArray());
    }

    public CaptureBuilder Enhanced(uint interfaceId, ulong units, ReadOnlySpan<byte> data, uint? original = null, bool withComment = false)
    {
        var body = new MemoryStream();
        Put32(body, interfaceId);
        Put32(body, (uint)(units >> 32));
        Put32(body, (uint)units);
        Put32(body, (uint)data.Length);
        Put32(body, original ?? (uint)data.Length);
        Padded(body, data);
        if (withComment)
            Options(body, (1, Encoding.UTF8.GetBytes("a comment")));
        return Block(6, body.ToArray());
    }

    public CaptureBuilder Obsolete(ushort interfaceId, ulong units, ReadOnlySpan<byte> data, uint? original = null)
    {
        var body = new MemoryStream();
        Put16(body, interfaceId);
        Put16(body, 0);
        Put32(body, (uint)(units >> 32));
        Put32(body, (uint)units);
        Put32(body, (uint)data.Length);
        Put32(body, original ?? (uint)data.Length);
        Padded(body, data);
        return Block(2, body.ToArray());
    }

    /// <summary>A simple packet block: its data is the original frame cut to interface 0's snaplen.</summary>
    public CaptureBuilder Simple(ReadOnlySpan<byte> frame, uint snaplen)
    {
        var body = new MemoryStream();
        Put32(body, (uint)frame.Length);
        Padded(body, snaplen != 0 && frame.Length > snaplen ? frame[..(int)snaplen] : frame);
        return Block(3, body.ToArray());
    }

    /// <summary>Any block, e.g. name resolution (4), interface statistics (5), decryption secrets (10), custom (0xBAD).</summary>
    public CaptureBuilder Block(uint type, byte[] body)
    {
        var length = (uint)(12 + ((body.Length + 3) & ~3));
        U32(type);
        U32(length);
        Padded(_out, body);
        U32(length);
        return this;
    }

    private void Options(Stream s, params (ushort Code, byte[] Value)[] options)
    {
        if (options.Length == 0)
            return;
        foreach (var (code, value) in options)
        {
            Put16(s, code);
            Put16(s, (ushort)value.Length);
            Padded(s, value);
        }
        Put32(s, 0);
    }

    private static void Padded(Stream s, ReadOnlySpan<byte> data)
    {
        s.Write(data);
        for (var i = data.Length; i % 4 != 0; i++)
            s.WriteByte(0);
    }

    private void U32(uint v) => Put32(_out, v);

    private void U16(ushort v) => Put16(_out, v);

    private void Put16(Stream s, ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        s.Write(b);
    }

    private void Put32(Stream s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write(b);
    }

    private void Put64(Stream s, ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, v); else BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        s.Write(b);
    }
}
