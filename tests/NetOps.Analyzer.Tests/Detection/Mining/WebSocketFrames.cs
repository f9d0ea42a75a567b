using System.Buffers.Binary;
using System.Text;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>RFC 6455 text frames as browsers (masked) and servers (unmasked) send them.</summary>
public static class WebSocketFrames
{
    public static byte[] Text(string text, bool masked)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = new List<byte> { 0x81 };
        var maskBit = masked ? (byte)0x80 : (byte)0;
        if (payload.Length < 126)
            header.Add((byte)(maskBit | payload.Length));
        else
        {
            header.Add((byte)(maskBit | 126));
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)payload.Length);
            header.AddRange(length);
        }
        if (masked)
        {
            byte[] mask = [0x37, 0xfa, 0x21, 0x3d];
            header.AddRange(mask);
            for (var i = 0; i < payload.Length; i++)
                payload[i] ^= mask[i & 3];
        }
        return [.. header, .. payload];
    }
}
