using System.Buffers.Binary;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// Reads RFC 6455 frames from a growing byte stream and hands out the text of whole (FIN) text
/// frames, unmasked into a caller's buffer. Control, binary and fragmented frames are passed over;
/// compressed frames (RSV1, permessage-deflate) cannot be read and are counted.
/// </summary>
internal struct WebSocketFrameReader
{
    private int _consumed;

    public WebSocketFrameReader(int start) => _consumed = start;

    public int CompressedFrames { get; private set; }

    /// <summary>The next text frame's payload, unmasked into <paramref name="scratch"/> (bigger frames are passed over).</summary>
    public bool TryNextText(ReadOnlySpan<byte> stream, Span<byte> scratch, out ReadOnlySpan<byte> text)
    {
        text = default;
        while (true)
        {
            var rest = stream[Math.Min(_consumed, stream.Length)..];
            if (rest.Length < 2)
                return false;
            var fin = (rest[0] & 0x80) != 0;
            var rsv1 = (rest[0] & 0x40) != 0;
            var opcode = rest[0] & 0x0f;
            var masked = (rest[1] & 0x80) != 0;
            long length = rest[1] & 0x7f;
            var header = 2;
            if (length == 126)
            {
                if (rest.Length < 4)
                    return false;
                length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
                header = 4;
            }
            else if (length == 127)
            {
                if (rest.Length < 10)
                    return false;
                length = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(rest[2..]), int.MaxValue);
                header = 10;
            }
            var maskOffset = header;
            if (masked)
                header += 4;
            if (rest.Length < header + length)
                return false;
            _consumed += header + (int)length;
            if (opcode != 1 || !fin)
                continue;
            if (rsv1)
            {
                CompressedFrames++;
                continue;
            }
            if (length > scratch.Length)
                continue;
            var payload = rest.Slice(header, (int)length);
            var output = scratch[..(int)length];
            if (masked)
            {
                var mask = rest.Slice(maskOffset, 4);
                for (var i = 0; i < payload.Length; i++)
                    output[i] = (byte)(payload[i] ^ mask[i & 3]);
            }
            else
                payload.CopyTo(output);
            text = output;
            return true;
        }
    }
}
