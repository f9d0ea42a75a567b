namespace NetOps.Analyzer.Protocols.Quic;

/// <summary>The QUIC versions whose Initial packets NetOps can decrypt, with their initial salts and labels.</summary>
public static class QuicVersion
{
    public const uint V1 = 0x00000001;
    public const uint V2 = 0x6b3343cf;

    /// <summary>RFC 9001 5.2.</summary>
    private static readonly byte[] SaltV1 = Convert.FromHexString("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");

    /// <summary>RFC 9369 3.3.1.</summary>
    private static readonly byte[] SaltV2 = Convert.FromHexString("0dede3def700a6db819381be6e269dcbf9bd2ed9");

    /// <summary>draft-ietf-quic-tls-29 to -32 (still sent by older stacks, e.g. DNS over QUIC clients).</summary>
    private static readonly byte[] SaltDraft29 = Convert.FromHexString("afbfec289993d24c9e9786f19c6111e04390a899");

    /// <summary>The initial salt of a version, or empty when NetOps does not know it.</summary>
    public static ReadOnlySpan<byte> InitialSalt(uint version) => version switch
    {
        V1 => SaltV1,
        V2 => SaltV2,
        >= 0xff00001d and <= 0xff000020 => SaltDraft29,
        // A reserved version (RFC 9000 15) only asks for Version Negotiation, but the client still
        // protects that first Initial with a salt of its own: the draft-29 one in the corpus's
        // interop captures (tshark decrypts them with it too), so its server name is visible.
        _ when IsReserved(version) => SaltDraft29,
        _ => default,
    };

    /// <summary>0x?a?a?a?a: reserved to exercise version negotiation (RFC 9000 15).</summary>
    public static bool IsReserved(uint version) => (version & 0x0f0f0f0f) == 0x0a0a0a0a;

    /// <summary>The long-header packet type bits (0–3) of an Initial packet: 0 in v1 and drafts, 1 in v2 (RFC 9369 3.2).</summary>
    public static int InitialPacketType(uint version) => version == V2 ? 1 : 0;

    /// <summary>v2 uses "quicv2 key"/"quicv2 iv"/"quicv2 hp" (RFC 9369 3.3.2).</summary>
    public static string LabelPrefix(uint version) => version == V2 ? "quicv2 " : "quic ";
}
