using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Analyzer.Protocols.Quic;

/// <summary>
/// The Initial packet protection of one direction of a connection (RFC 9001 5.2, 5.4): from the
/// version's salt and the client's first Destination Connection ID, by HKDF-SHA256 and
/// HKDF-Expand-Label (RFC 8446 7.1). Holds AES state: dispose when the flow ends.
/// </summary>
public sealed class QuicInitialKeys : IDisposable
{
    private readonly Aes _headerProtection;
    private readonly AesGcm _aead;

    private QuicInitialKeys(byte[] key, byte[] iv, byte[] hp)
    {
        Key = key;
        Iv = iv;
        HeaderProtectionKey = hp;
        _headerProtection = Aes.Create();
        _headerProtection.Key = hp;
        _aead = new AesGcm(key, 16);
    }

    public byte[] Key { get; }

    public byte[] Iv { get; }

    public byte[] HeaderProtectionKey { get; }

    /// <summary>The client's (or server's) Initial keys for <paramref name="version"/>; false for a version without known salt.</summary>
    public static bool TryCreate(uint version, ReadOnlySpan<byte> destinationConnectionId, bool client, out QuicInitialKeys keys)
    {
        keys = null!;
        var salt = QuicVersion.InitialSalt(version);
        if (salt.IsEmpty)
            return false;
        Span<byte> initialSecret = stackalloc byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, destinationConnectionId, salt, initialSecret);
        Span<byte> secret = stackalloc byte[32];
        ExpandLabel(initialSecret, client ? "client in" : "server in", secret);
        var prefix = QuicVersion.LabelPrefix(version);
        var key = new byte[16];
        var iv = new byte[12];
        var hp = new byte[16];
        ExpandLabel(secret, prefix + "key", key);
        ExpandLabel(secret, prefix + "iv", iv);
        ExpandLabel(secret, prefix + "hp", hp);
        keys = new QuicInitialKeys(key, iv, hp);
        return true;
    }

    /// <summary>HKDF-Expand-Label with an empty context (RFC 8446 7.1).</summary>
    internal static void ExpandLabel(ReadOnlySpan<byte> secret, string label, Span<byte> output)
    {
        var fullLabel = "tls13 " + label;
        Span<byte> info = stackalloc byte[2 + 1 + fullLabel.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)output.Length);
        info[2] = (byte)fullLabel.Length;
        Encoding.ASCII.GetBytes(fullLabel, info[3..]);
        info[^1] = 0;
        HKDF.Expand(HashAlgorithmName.SHA256, secret, output, info);
    }

    /// <summary>The 5 bytes of header-protection mask for a 16-byte sample (AES-128-ECB, RFC 9001 5.4.3).</summary>
    public void Mask(ReadOnlySpan<byte> sample, Span<byte> mask)
    {
        Span<byte> block = stackalloc byte[16];
        _headerProtection.EncryptEcb(sample[..16], block, PaddingMode.None);
        block[..5].CopyTo(mask);
    }

    /// <summary>AEAD_AES_128_GCM open with the nonce from the packet number (RFC 9001 5.3).</summary>
    public bool TryOpen(ulong packetNumber, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext)
    {
        Span<byte> nonce = stackalloc byte[12];
        Iv.CopyTo(nonce);
        for (var i = 0; i < 8; i++)
            nonce[11 - i] ^= (byte)(packetNumber >> (8 * i));
        try
        {
            _aead.Decrypt(nonce, ciphertextAndTag[..^16], ciphertextAndTag[^16..], plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _headerProtection.Dispose();
        _aead.Dispose();
    }
}
