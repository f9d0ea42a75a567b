using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Snmp.Usm;

/// <summary>Key derivation, message authentication and privacy of the User-based Security Model.</summary>
internal static class UsmCrypto
{
    /// <summary>RFC 3414 A.2: hash 1,048,576 bytes of the repeated password, then localize with the engine ID.</summary>
    public static byte[] LocalizedKey(AuthProtocol protocol, string password, ReadOnlySpan<byte> engineId)
    {
        var secret = Encoding.UTF8.GetBytes(password);
        if (secret.Length == 0)
            throw new ArgumentException("An SNMPv3 password must not be empty.");
        return LocalizedKey(protocol, secret, engineId);
    }

    private static byte[] LocalizedKey(AuthProtocol protocol, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> engineId)
    {
        var expanded = new byte[1_048_576];
        for (var i = 0; i < expanded.Length; i++)
            expanded[i] = secret[i % secret.Length];
        var ku = HashOf(protocol, expanded);
        return HashOf(protocol, [.. ku, .. engineId, .. ku]);
    }

    /// <summary>A privacy key long enough for its cipher, extended the way the protocol's peers extend it.</summary>
    public static byte[] PrivacyKey(AuthProtocol auth, PrivProtocol priv, string password, ReadOnlySpan<byte> engineId)
    {
        var key = LocalizedKey(auth, password, engineId);
        var needed = UsmProtocolNames.KeyLength(priv);
        return UsmProtocolNames.UsesReederExtension(priv) ? ExtendReeder(auth, key, engineId, needed) : ExtendBlumenthal(auth, key, needed);
    }

    /// <summary>
    /// draft-blumenthal-aes-usm-04 3.1.2.1 (net-snmp's AES-192/AES-256): Kul = Kul || H(Kul) until long
    /// enough, then cut to length.
    /// </summary>
    public static byte[] ExtendBlumenthal(AuthProtocol auth, byte[] localizedKey, int length)
    {
        var key = localizedKey;
        while (key.Length < length)
            key = [.. key, .. HashOf(auth, key)];
        return key[..length];
    }

    /// <summary>
    /// draft-reeder-snmpv3-usm-3desede-00 2.1 (Cisco's AES-192/256, net-snmp's AES-192-C/AES-256-C): the
    /// key so far is taken as a password, turned into Ku' by the password-to-key algorithm, localized to
    /// the engine, and appended: Kul = Kul || localize(Ku(Kul)), until long enough, then cut to length.
    /// </summary>
    public static byte[] ExtendReeder(AuthProtocol auth, byte[] localizedKey, ReadOnlySpan<byte> engineId, int length)
    {
        var key = localizedKey;
        while (key.Length < length)
            key = [.. key, .. LocalizedKey(auth, key, engineId)];
        return key[..length];
    }

    public static byte[] Mac(AuthProtocol protocol, byte[] key, ReadOnlySpan<byte> message)
    {
        var full = protocol switch
        {
            AuthProtocol.MD5 => HMACMD5.HashData(key, message),
            AuthProtocol.SHA => HMACSHA1.HashData(key, message),
            AuthProtocol.SHA256 => HMACSHA256.HashData(key, message),
            AuthProtocol.SHA384 => HMACSHA384.HashData(key, message),
            AuthProtocol.SHA512 => HMACSHA512.HashData(key, message),
            AuthProtocol.SHA224 => HmacSha224(key, message),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
        };
        return full[..UsmProtocolNames.MacLength(protocol)];
    }

    /// <summary>Encrypts a scoped PDU; returns the ciphertext and msgPrivacyParameters (the salt).</summary>
    public static (byte[] Cipher, byte[] Salt) Encrypt(PrivProtocol protocol, byte[] key, int boots, int time, ulong counter, ReadOnlySpan<byte> plain)
    {
        if (protocol == PrivProtocol.DES)
        {
            var salt = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(salt, boots);
            BinaryPrimitives.WriteUInt32BigEndian(salt.AsSpan(4), (uint)counter);
            using var des = DES.Create();
            des.Key = key[..8];
            var padded = new byte[(plain.Length + 7) / 8 * 8];
            plain.CopyTo(padded);
            return (des.EncryptCbc(padded, DesIv(key, salt), PaddingMode.None), salt);
        }
        var aesSalt = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(aesSalt, counter);
        using var aes = Aes.Create();
        aes.Key = key;
        return (CfbWhole(aes, plain, AesIv(boots, time, aesSalt), encrypt: true), aesSalt);
    }

    public static byte[] Decrypt(PrivProtocol protocol, byte[] key, int boots, int time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> cipher)
    {
        if (salt.Length != 8)
            throw new CryptographicException("msgPrivacyParameters is not 8 bytes.");
        if (protocol == PrivProtocol.DES)
        {
            if (cipher.Length % 8 != 0)
                throw new CryptographicException("DES ciphertext is not a multiple of 8 bytes.");
            using var des = DES.Create();
            des.Key = key[..8];
            return des.DecryptCbc(cipher, DesIv(key, salt), PaddingMode.None);
        }
        using var aes = Aes.Create();
        aes.Key = key;
        return CfbWhole(aes, cipher, AesIv(boots, time, salt), encrypt: false);
    }

    /// <summary>
    /// AES-CFB128 is a stream mode in SNMP (no padding), but .NET wants whole blocks: pad with zeros,
    /// run, and cut back. Each output byte depends only on the bytes before it, so the cut is exact.
    /// </summary>
    private static byte[] CfbWhole(Aes aes, ReadOnlySpan<byte> input, byte[] iv, bool encrypt)
    {
        var padded = new byte[(input.Length + 15) / 16 * 16];
        input.CopyTo(padded);
        var output = encrypt ? aes.EncryptCfb(padded, iv, PaddingMode.None, 128) : aes.DecryptCfb(padded, iv, PaddingMode.None, 128);
        return output[..input.Length];
    }

    private static byte[] DesIv(byte[] key, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[8];
        for (var i = 0; i < 8; i++)
            iv[i] = (byte)(key[8 + i] ^ salt[i]);
        return iv;
    }

    private static byte[] AesIv(int boots, int time, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(iv, boots);
        BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), time);
        salt.CopyTo(iv.AsSpan(8));
        return iv;
    }

    private static byte[] HashOf(AuthProtocol protocol, byte[] data) => protocol switch
    {
        AuthProtocol.MD5 => MD5.HashData(data),
        AuthProtocol.SHA => SHA1.HashData(data),
        AuthProtocol.SHA224 => Sha224.Hash(data),
        AuthProtocol.SHA256 => SHA256.HashData(data),
        AuthProtocol.SHA384 => SHA384.HashData(data),
        AuthProtocol.SHA512 => SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    /// <summary>HMAC-SHA-224 (RFC 2104 over SHA-224, which .NET hashes but has no HMAC class for).</summary>
    private static byte[] HmacSha224(byte[] key, ReadOnlySpan<byte> message)
    {
        const int blockSize = 64;
        if (key.Length > blockSize)
            key = Sha224.Hash(key);
        var inner = new byte[blockSize + message.Length];
        var outer = new byte[blockSize + 28];
        for (var i = 0; i < blockSize; i++)
        {
            var k = i < key.Length ? key[i] : (byte)0;
            inner[i] = (byte)(k ^ 0x36);
            outer[i] = (byte)(k ^ 0x5c);
        }
        message.CopyTo(inner.AsSpan(blockSize));
        Sha224.Hash(inner).CopyTo(outer.AsSpan(blockSize));
        return Sha224.Hash(outer);
    }
}
