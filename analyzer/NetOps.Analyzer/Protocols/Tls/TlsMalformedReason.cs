namespace NetOps.Analyzer.Protocols.Tls;

/// <summary>Why a ClientHello could not be read (counted by the caller, never thrown).</summary>
public enum TlsMalformedReason : byte
{
    None = 0,
    /// <summary>A handshake record carries another handshake message than ClientHello first.</summary>
    NotClientHello,
    /// <summary>A record of another content type arrives before the ClientHello is whole.</summary>
    UnexpectedRecord,
    /// <summary>A record length of 0 or above 2^14 + 2048 (RFC 8446 5.2).</summary>
    BadRecordLength,
    /// <summary>The ClientHello is larger than the assembler's bound.</summary>
    HelloTooLarge,
    /// <summary>The ClientHello ends inside its fixed part, session id, cipher suites or compression methods.</summary>
    TruncatedHello,
    /// <summary>Session id above 32 bytes, an odd cipher suites length, or no compression method.</summary>
    BadHelloField,
    /// <summary>An extension runs past the extensions block, or the block past the message.</summary>
    BadExtensionLength,
    /// <summary>An extension's inner lists (server names, ALPN, versions, signature algorithms) run past it.</summary>
    BadExtensionData,
}
