namespace NetOps.Snmp.Usm;

/// <summary>USM authentication protocols (RFC 3414, RFC 7860), named as net-snmp spells them.</summary>
public enum AuthProtocol { None, MD5, SHA, SHA224, SHA256, SHA384, SHA512 }

/// <summary>
/// USM privacy protocols: DES (RFC 3414), AES-128 (RFC 3826), AES-192/256 with the Blumenthal key
/// extension (net-snmp's AES-192/AES-256) and with the Reeder key extension (Cisco's, net-snmp's
/// AES-192-C/AES-256-C). The cipher is the same AES-CFB128; only the longer key is derived differently.
/// </summary>
public enum PrivProtocol { None, DES, AES, AES192, AES256, AES192C, AES256C }

public static class UsmProtocolNames
{
    public static AuthProtocol ParseAuth(string name) => name.ToUpperInvariant() switch
    {
        "MD5" => AuthProtocol.MD5,
        "SHA" or "SHA1" or "SHA-1" => AuthProtocol.SHA,
        "SHA-224" or "SHA224" => AuthProtocol.SHA224,
        "SHA-256" or "SHA256" => AuthProtocol.SHA256,
        "SHA-384" or "SHA384" => AuthProtocol.SHA384,
        "SHA-512" or "SHA512" => AuthProtocol.SHA512,
        _ => throw new ArgumentException($"'{name}' is not an authentication protocol (MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512)."),
    };

    public static PrivProtocol ParsePriv(string name) => name.ToUpperInvariant() switch
    {
        "DES" => PrivProtocol.DES,
        "AES" or "AES128" or "AES-128" => PrivProtocol.AES,
        "AES192" or "AES-192" => PrivProtocol.AES192,
        "AES256" or "AES-256" => PrivProtocol.AES256,
        "AES-192-C" or "AES192C" or "AES192-C" => PrivProtocol.AES192C,
        "AES-256-C" or "AES256C" or "AES256-C" => PrivProtocol.AES256C,
        _ => throw new ArgumentException($"'{name}' is not a privacy protocol (DES, AES, AES-192, AES-256, AES-192-C, AES-256-C)."),
    };

    /// <summary>The Cisco variants extend a short localized key by the Reeder draft, not the Blumenthal one.</summary>
    internal static bool UsesReederExtension(PrivProtocol protocol) => protocol is PrivProtocol.AES192C or PrivProtocol.AES256C;

    /// <summary>Length of msgAuthenticationParameters: 12 for MD5/SHA-1, RFC 7860 sizes for SHA-2.</summary>
    internal static int MacLength(AuthProtocol protocol) => protocol switch
    {
        AuthProtocol.MD5 or AuthProtocol.SHA => 12,
        AuthProtocol.SHA224 => 16,
        AuthProtocol.SHA256 => 24,
        AuthProtocol.SHA384 => 32,
        AuthProtocol.SHA512 => 48,
        _ => 0,
    };

    internal static int KeyLength(PrivProtocol protocol) => protocol switch
    {
        PrivProtocol.DES => 16, // 8 key bytes + 8 pre-IV bytes
        PrivProtocol.AES => 16,
        PrivProtocol.AES192 or PrivProtocol.AES192C => 24,
        PrivProtocol.AES256 or PrivProtocol.AES256C => 32,
        _ => 0,
    };
}
