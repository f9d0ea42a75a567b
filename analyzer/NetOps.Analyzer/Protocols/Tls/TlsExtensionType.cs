namespace NetOps.Analyzer.Protocols.Tls;

/// <summary>The extension numbers NetOps reads (IANA TLS ExtensionType values).</summary>
public static class TlsExtensionType
{
    public const ushort ServerName = 0x0000;
    public const ushort SupportedGroups = 0x000a;
    public const ushort SignatureAlgorithms = 0x000d;
    public const ushort Alpn = 0x0010;
    public const ushort SupportedVersions = 0x002b;
    public const ushort EncryptedClientHello = 0xfe0d;
}

/// <summary>GREASE values (RFC 8701): 0x?A?A with both bytes equal, in cipher suites, extensions, versions, groups, algorithms.</summary>
public static class TlsGrease
{
    public static bool Is(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
}
