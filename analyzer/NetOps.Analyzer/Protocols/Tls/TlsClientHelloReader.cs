using System.Buffers.Binary;

namespace NetOps.Analyzer.Protocols.Tls;

/// <summary>
/// A TLS ClientHello handshake message (RFC 8446 4.1.2; TLS 1.0–1.2 alike), from its 4-byte handshake
/// header on — as found in TLS records over TCP or in QUIC CRYPTO frames. Checked once when read:
/// every length, every extension and the inner lists of those NetOps reads; the parts are then views.
/// </summary>
public readonly ref struct TlsClientHelloReader
{
    public const byte HandshakeType = 1;
    private const int FixedLength = 2 + 32;

    private TlsClientHelloReader(ushort legacyVersion, ReadOnlySpan<byte> sessionId, ReadOnlySpan<byte> cipherSuites,
        ReadOnlySpan<byte> compressionMethods, ReadOnlySpan<byte> extensions, bool hasExtensions)
    {
        LegacyVersion = legacyVersion;
        SessionId = sessionId;
        CipherSuiteBytes = cipherSuites;
        CompressionMethods = compressionMethods;
        ExtensionBytes = extensions;
        HasExtensionBlock = hasExtensions;
    }

    /// <summary>The ClientHello's own version field (0x0303 for TLS 1.2 and 1.3).</summary>
    public ushort LegacyVersion { get; }

    public ReadOnlySpan<byte> SessionId { get; }

    /// <summary>The cipher suites, 2 bytes each, in the client's order (GREASE included).</summary>
    public ReadOnlySpan<byte> CipherSuiteBytes { get; }

    public int CipherSuiteCount => CipherSuiteBytes.Length / 2;

    public ushort CipherSuite(int index) => BinaryPrimitives.ReadUInt16BigEndian(CipherSuiteBytes[(2 * index)..]);

    public ReadOnlySpan<byte> CompressionMethods { get; }

    /// <summary>The extensions block without its length (empty for an SSL 3 style hello without one).</summary>
    public ReadOnlySpan<byte> ExtensionBytes { get; }

    public bool HasExtensionBlock { get; }

    public TlsExtensionEnumerator Extensions => new(ExtensionBytes);

    /// <summary>Reads a ClientHello message (handshake type 1, 3-byte length, body) that is whole in <paramref name="message"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out TlsClientHelloReader hello, out TlsMalformedReason reason)
    {
        hello = default;
        if (message.Length < 4)
            return Fail(TlsMalformedReason.TruncatedHello, out reason);
        if (message[0] != HandshakeType)
            return Fail(TlsMalformedReason.NotClientHello, out reason);
        var length = (message[1] << 16) | (message[2] << 8) | message[3];
        if (4 + length > message.Length)
            return Fail(TlsMalformedReason.TruncatedHello, out reason);
        var body = message.Slice(4, length);
        if (body.Length < FixedLength + 1)
            return Fail(TlsMalformedReason.TruncatedHello, out reason);
        var position = FixedLength;
        var sessionIdLength = body[position++];
        if (sessionIdLength > 32)
            return Fail(TlsMalformedReason.BadHelloField, out reason);
        if (position + sessionIdLength + 2 > body.Length)
            return Fail(TlsMalformedReason.TruncatedHello, out reason);
        var sessionId = body.Slice(position, sessionIdLength);
        position += sessionIdLength;
        var suitesLength = BinaryPrimitives.ReadUInt16BigEndian(body[position..]);
        position += 2;
        if (suitesLength % 2 != 0)
            return Fail(TlsMalformedReason.BadHelloField, out reason);
        if (position + suitesLength + 1 > body.Length)
            return Fail(TlsMalformedReason.TruncatedHello, out reason);
        var suites = body.Slice(position, suitesLength);
        position += suitesLength;
        var compressionLength = body[position++];
        if (compressionLength == 0)
            return Fail(TlsMalformedReason.BadHelloField, out reason);
        if (position + compressionLength > body.Length)
            return Fail(TlsMalformedReason.TruncatedHello, out reason);
        var compression = body.Slice(position, compressionLength);
        position += compressionLength;
        var extensions = ReadOnlySpan<byte>.Empty;
        var hasExtensions = position < body.Length;
        if (hasExtensions)
        {
            if (position + 2 > body.Length)
                return Fail(TlsMalformedReason.BadExtensionLength, out reason);
            var extensionsLength = BinaryPrimitives.ReadUInt16BigEndian(body[position..]);
            position += 2;
            if (position + extensionsLength > body.Length)
                return Fail(TlsMalformedReason.BadExtensionLength, out reason);
            extensions = body.Slice(position, extensionsLength);
            reason = CheckExtensions(extensions);
            if (reason != TlsMalformedReason.None)
                return false;
        }
        hello = new TlsClientHelloReader(BinaryPrimitives.ReadUInt16BigEndian(body), sessionId, suites, compression, extensions, hasExtensions);
        reason = TlsMalformedReason.None;
        return true;
    }

    private static TlsMalformedReason CheckExtensions(ReadOnlySpan<byte> block)
    {
        var position = 0;
        while (position < block.Length)
        {
            if (position + 4 > block.Length)
                return TlsMalformedReason.BadExtensionLength;
            var type = BinaryPrimitives.ReadUInt16BigEndian(block[position..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(block[(position + 2)..]);
            if (position + 4 + length > block.Length)
                return TlsMalformedReason.BadExtensionLength;
            if (!TlsExtensionData.IsWellFormed(type, block.Slice(position + 4, length)))
                return TlsMalformedReason.BadExtensionData;
            position += 4 + length;
        }
        return TlsMalformedReason.None;
    }

    private static bool Fail(TlsMalformedReason why, out TlsMalformedReason reason)
    {
        reason = why;
        return false;
    }

    /// <summary>The data of the first extension of <paramref name="type"/>.</summary>
    public bool TryGetExtension(ushort type, out ReadOnlySpan<byte> data)
    {
        foreach (var extension in Extensions)
        {
            if (extension.Type == type)
            {
                data = extension.Data;
                return true;
            }
        }
        data = default;
        return false;
    }

    /// <summary>The host_name of the server_name extension (RFC 6066 3), as sent (ASCII, no trailing dot).</summary>
    public bool TryGetServerName(out ReadOnlySpan<byte> hostName)
    {
        hostName = default;
        if (!TryGetExtension(TlsExtensionType.ServerName, out var data))
            return false;
        var list = data[2..];
        while (list.Length >= 3)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(list[1..]);
            if (list[0] == 0)
            {
                hostName = list.Slice(3, length);
                return true;
            }
            list = list[(3 + length)..];
        }
        return false;
    }

    /// <summary>The protocols of the ALPN extension (RFC 7301), in the client's order; empty without one.</summary>
    public TlsByteStringEnumerator AlpnProtocols =>
        TryGetExtension(TlsExtensionType.Alpn, out var data) ? new TlsByteStringEnumerator(data[2..]) : default;

    /// <summary>The versions of the supported_versions extension (RFC 8446 4.2.1), 2 bytes each; empty without one.</summary>
    public ReadOnlySpan<byte> SupportedVersionBytes =>
        TryGetExtension(TlsExtensionType.SupportedVersions, out var data) ? data[1..] : default;

    /// <summary>The signature_algorithms extension's schemes (RFC 8446 4.2.3), 2 bytes each; empty without one.</summary>
    public ReadOnlySpan<byte> SignatureAlgorithmBytes =>
        TryGetExtension(TlsExtensionType.SignatureAlgorithms, out var data) ? data[2..] : default;

    /// <summary>The highest non-GREASE version of supported_versions, else <see cref="LegacyVersion"/>.</summary>
    public ushort HighestVersion
    {
        get
        {
            var versions = SupportedVersionBytes;
            if (versions.IsEmpty)
                return LegacyVersion;
            ushort highest = 0;
            for (var i = 0; i + 1 < versions.Length; i += 2)
            {
                var version = BinaryPrimitives.ReadUInt16BigEndian(versions[i..]);
                if (!TlsGrease.Is(version) && version > highest)
                    highest = version;
            }
            return highest == 0 ? LegacyVersion : highest;
        }
    }
}
