using System.Buffers.Binary;
using System.Text;

namespace NetOps.Appliance.Lab.Traffic.Payloads;

/// <summary>
/// TLS 1.3 as browsers speak it on the wire: a ClientHello with SNI and ALPN, the ServerHello,
/// ChangeCipherSpec, then encrypted application-data records (random bytes, as the real thing looks).
/// </summary>
internal static class TlsPayload
{
    private static readonly ushort[] CipherSuites =
        [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];
    private static readonly ushort[] SignatureAlgorithms = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];

    public static byte[] ClientHello(Random random, string? serverName, params string[] alpn)
    {
        var body = new Writer();
        body.U16(0x0303);
        body.Bytes(RandomBytes(random, 32));
        body.U8(32);
        body.Bytes(RandomBytes(random, 32));
        body.U16((ushort)(CipherSuites.Length * 2));
        foreach (var suite in CipherSuites)
            body.U16(suite);
        body.U8(1);
        body.U8(0);

        var extensions = new Writer();
        if (serverName is not null)
        {
            var name = Encoding.ASCII.GetBytes(serverName);
            extensions.Extension(0x0000, e => e.U16((ushort)(name.Length + 3)).U8(0).U16((ushort)name.Length).Bytes(name));
        }
        extensions.Extension(0x0017, _ => { });
        extensions.Extension(0xff01, e => e.U8(0));
        extensions.Extension(0x000a, e => e.U16(6).U16(0x001d).U16(0x0017).U16(0x0018));
        extensions.Extension(0x000b, e => e.U8(1).U8(0));
        extensions.Extension(0x0023, _ => { });
        if (alpn.Length > 0)
        {
            var list = new Writer();
            foreach (var protocol in alpn)
                list.U8((byte)protocol.Length).Bytes(Encoding.ASCII.GetBytes(protocol));
            extensions.Extension(0x0010, e => e.U16((ushort)list.Length).Bytes(list.ToArray()));
        }
        extensions.Extension(0x0005, e => e.U8(1).U16(0).U16(0));
        extensions.Extension(0x000d, e =>
        {
            e.U16((ushort)(SignatureAlgorithms.Length * 2));
            foreach (var algorithm in SignatureAlgorithms)
                e.U16(algorithm);
        });
        extensions.Extension(0x0033, e => e.U16(36).U16(0x001d).U16(32).Bytes(RandomBytes(random, 32)));
        extensions.Extension(0x002d, e => e.U8(1).U8(1));
        extensions.Extension(0x002b, e => e.U8(4).U16(0x0304).U16(0x0303));
        body.U16((ushort)extensions.Length).Bytes(extensions.ToArray());
        return Record(0x16, 0x0301, Handshake(1, body.ToArray()));
    }

    /// <summary>ServerHello (TLS 1.3, AES-128-GCM, x25519) followed by ChangeCipherSpec.</summary>
    public static byte[] ServerHello(Random random, ReadOnlySpan<byte> clientHello)
    {
        // The session id is echoed: it starts after record (5), handshake (4), version (2) and random (32) headers.
        var sessionId = clientHello.Slice(5 + 4 + 2 + 32 + 1, clientHello[5 + 4 + 2 + 32]).ToArray();
        var body = new Writer();
        body.U16(0x0303).Bytes(RandomBytes(random, 32)).U8((byte)sessionId.Length).Bytes(sessionId).U16(0x1301).U8(0);
        var extensions = new Writer();
        extensions.Extension(0x002b, e => e.U16(0x0304));
        extensions.Extension(0x0033, e => e.U16(0x001d).U16(32).Bytes(RandomBytes(random, 32)));
        body.U16((ushort)extensions.Length).Bytes(extensions.ToArray());
        return [.. Record(0x16, 0x0303, Handshake(2, body.ToArray())), .. Record(0x14, 0x0303, [1])];
    }

    /// <summary><paramref name="length"/> bytes of encrypted application data in records of at most 16 KiB.</summary>
    public static byte[] ApplicationData(Random random, int length)
    {
        var output = new Writer();
        for (var left = length; left > 0;)
        {
            var chunk = Math.Min(left, 16_384);
            output.Bytes(Record(0x17, 0x0303, RandomBytes(random, chunk)));
            left -= chunk;
        }
        return output.ToArray();
    }

    private static byte[] Handshake(byte type, byte[] body)
    {
        var handshake = new byte[4 + body.Length];
        handshake[0] = type;
        handshake[1] = (byte)(body.Length >> 16);
        handshake[2] = (byte)(body.Length >> 8);
        handshake[3] = (byte)body.Length;
        body.CopyTo(handshake, 4);
        return handshake;
    }

    private static byte[] Record(byte contentType, ushort version, byte[] fragment)
    {
        var record = new byte[5 + fragment.Length];
        record[0] = contentType;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(1), version);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)fragment.Length);
        fragment.CopyTo(record, 5);
        return record;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private sealed class Writer
    {
        private readonly List<byte> _bytes = [];

        public int Length => _bytes.Count;

        public Writer U8(byte value)
        {
            _bytes.Add(value);
            return this;
        }

        public Writer U16(ushort value)
        {
            _bytes.Add((byte)(value >> 8));
            _bytes.Add((byte)value);
            return this;
        }

        public Writer Bytes(byte[] value)
        {
            _bytes.AddRange(value);
            return this;
        }

        public Writer Extension(ushort type, Action<Writer> content)
        {
            var inner = new Writer();
            content(inner);
            return U16(type).U16((ushort)inner.Length).Bytes(inner.ToArray());
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
