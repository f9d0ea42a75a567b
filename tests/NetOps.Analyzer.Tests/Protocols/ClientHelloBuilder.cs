using System.Buffers.Binary;
using NetOps.Analyzer.Protocols.Tls;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>Hand-built ClientHello handshake messages (the 4-byte handshake header included).</summary>
public static class ClientHelloBuilder
{
    private const ushort Grease = 0x3a3a;

    /// <summary>
    /// A hello with these cipher suites and extensions in this order; server_name carries "example.com",
    /// ALPN <paramref name="alpn"/> (chars as bytes), supported_versions TLS 1.3 and 1.2, signature_algorithms
    /// <paramref name="signatures"/>; other extensions are empty. With <paramref name="grease"/>, GREASE
    /// is added to ciphers, extensions, versions and algorithms.
    /// </summary>
    public static byte[] Build(ushort[] ciphers, ushort[] extensions, ushort[] signatures, string? alpn, bool grease, string serverName = "example.com")
    {
        var body = new List<byte> { 3, 3 };
        body.AddRange(new byte[32]);
        body.Add(0);
        var suites = grease ? [Grease, .. ciphers] : ciphers;
        AddU16(body, suites.Length * 2);
        foreach (var suite in suites)
            AddU16(body, suite);
        body.AddRange([1, 0]);
        var block = new List<byte>();
        foreach (var type in grease ? [Grease, .. extensions] : extensions)
        {
            var data = type switch
            {
                TlsExtensionType.ServerName => ServerName(serverName),
                TlsExtensionType.Alpn => Alpn(alpn ?? ""),
                TlsExtensionType.SupportedVersions => grease ? [6, 0x3a, 0x3a, 3, 4, 3, 3] : [4, 3, 4, 3, 3],
                TlsExtensionType.SignatureAlgorithms => U16List(grease && signatures.Length > 0 ? [Grease, .. signatures] : signatures),
                _ => [],
            };
            AddU16(block, type);
            AddU16(block, data.Length);
            block.AddRange(data);
        }
        if (block.Count > 0)
        {
            AddU16(body, block.Count);
            body.AddRange(block);
        }
        return [1, 0, (byte)(body.Count >> 8), (byte)body.Count, .. body];
    }

    /// <summary>The message in one TLS 1.0 handshake record, or split into records of at most <paramref name="recordSize"/> bytes.</summary>
    public static byte[] InRecords(byte[] message, int recordSize = 16384)
    {
        var records = new List<byte>();
        for (var at = 0; at < message.Length; at += recordSize)
        {
            var length = Math.Min(recordSize, message.Length - at);
            records.AddRange([22, 3, 1, (byte)(length >> 8), (byte)length]);
            records.AddRange(message.AsSpan(at, length).ToArray());
        }
        return [.. records];
    }

    private static byte[] ServerName(string name)
    {
        var entry = new List<byte> { 0 };
        AddU16(entry, name.Length);
        entry.AddRange(name.Select(c => (byte)c));
        var data = new List<byte>();
        AddU16(data, entry.Count);
        data.AddRange(entry);
        return [.. data];
    }

    private static byte[] Alpn(string protocol)
    {
        byte[] entry = [(byte)protocol.Length, .. protocol.Select(c => (byte)c)];
        var data = new List<byte>();
        AddU16(data, entry.Length);
        data.AddRange(entry);
        return [.. data];
    }

    private static byte[] U16List(ushort[] values)
    {
        var data = new List<byte>();
        AddU16(data, values.Length * 2);
        foreach (var value in values)
            AddU16(data, value);
        return [.. data];
    }

    private static void AddU16(List<byte> bytes, int value)
    {
        Span<byte> two = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(two, (ushort)value);
        bytes.AddRange(two.ToArray());
    }
}
