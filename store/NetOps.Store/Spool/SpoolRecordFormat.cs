using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace NetOps.Store.Spool;

/// <summary>
/// On-disk framing of one spooled batch:
/// magic "NOS1" | flags u16 | rp length u16 | lines u32 | payload length u32 | crc32 u32 | rp bytes | payload.
/// The CRC covers the header fields, the retention policy and the payload, so a torn or bit-flipped
/// record is recognised and never sent.
/// </summary>
internal static class SpoolRecordFormat
{
    public const int HeaderSize = 20;
    public const uint Magic = 0x314F534E; // "NOS1" little-endian
    public const ushort FlagGzip = 1;
    public const int MaxPayload = 256 * 1024 * 1024;

    public static byte[] Encode(string retentionPolicy, int lines, bool gzip, ReadOnlySpan<byte> payload)
    {
        var rp = Encoding.UTF8.GetBytes(retentionPolicy);
        if (rp.Length > ushort.MaxValue)
            throw new ArgumentException("Retention policy name too long.", nameof(retentionPolicy));
        var record = new byte[HeaderSize + rp.Length + payload.Length];
        var span = record.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], gzip ? FlagGzip : (ushort)0);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)rp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], lines);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], payload.Length);
        rp.CopyTo(span[HeaderSize..]);
        payload.CopyTo(span[(HeaderSize + rp.Length)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], Checksum(span));
        return record;
    }

    /// <summary>Reads the fixed header; false when it is not a valid header.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out ushort flags, out int rpLength, out int lines, out int payloadLength)
    {
        flags = 0;
        rpLength = lines = payloadLength = 0;
        if (header.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
            return false;
        flags = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        rpLength = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        lines = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        return lines >= 0 && payloadLength >= 0 && payloadLength <= MaxPayload && (flags & ~FlagGzip) == 0;
    }

    public static bool IsIntact(ReadOnlySpan<byte> record) =>
        BinaryPrimitives.ReadUInt32LittleEndian(record[16..]) == Checksum(record);

    private static uint Checksum(ReadOnlySpan<byte> record)
    {
        var crc = new Crc32();
        crc.Append(record[..16]);
        crc.Append(record[HeaderSize..]);
        return crc.GetCurrentHashAsUInt32();
    }
}
