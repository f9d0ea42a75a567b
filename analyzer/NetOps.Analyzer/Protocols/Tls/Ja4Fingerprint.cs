using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NetOps.Analyzer.Protocols.Tls;

/// <summary>
/// The JA4 client fingerprint of a ClientHello (FoxIO's JA4 specification, technical_details/JA4.md):
/// <c>{t|q|d}{version}{d|i}{ciphers:2}{extensions:2}{alpn:2}_{sha256(sorted ciphers)[..12]}_{sha256(sorted
/// extensions without SNI and ALPN "_" signature algorithms in order)[..12]}</c>, GREASE ignored everywhere.
/// </summary>
public static class Ja4Fingerprint
{
    public const char Tcp = 't';
    public const char Quic = 'q';
    public const char Dtls = 'd';

    private const string NoValues = "000000000000";

    /// <summary>The fingerprint (36 characters). Allocates its string.</summary>
    public static string Compute(in TlsClientHelloReader hello, char transport)
    {
        Span<ushort> ciphers = stackalloc ushort[hello.CipherSuiteCount];
        var cipherCount = 0;
        for (var i = 0; i < hello.CipherSuiteCount; i++)
        {
            if (!TlsGrease.Is(hello.CipherSuite(i)))
                ciphers[cipherCount++] = hello.CipherSuite(i);
        }
        Span<ushort> extensions = stackalloc ushort[hello.ExtensionBytes.Length / 4];
        var extensionCount = 0;
        var hashedExtensions = 0;
        var hasServerName = false;
        foreach (var extension in hello.Extensions)
        {
            if (TlsGrease.Is(extension.Type))
                continue;
            extensionCount++;
            hasServerName |= extension.Type == TlsExtensionType.ServerName;
            if (extension.Type is not (TlsExtensionType.ServerName or TlsExtensionType.Alpn))
                extensions[hashedExtensions++] = extension.Type;
        }
        var signatures = hello.SignatureAlgorithmBytes;

        Span<char> text = stackalloc char[36];
        text[0] = transport;
        Version(hello.HighestVersion).CopyTo(text[1..]);
        text[3] = hasServerName ? 'd' : 'i';
        TwoDigits(cipherCount, text[4..]);
        TwoDigits(extensionCount, text[6..]);
        Alpn(hello, text[8..]);
        text[10] = '_';
        ciphers = ciphers[..cipherCount];
        ciphers.Sort();
        HashList(ciphers, default, text[11..23]);
        text[23] = '_';
        extensions = extensions[..hashedExtensions];
        extensions.Sort();
        HashList(extensions, signatures, text[24..]);
        return new string(text);
    }

    private static ReadOnlySpan<char> Version(ushort version) => version switch
    {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0002 => "s2",
        0xfeff => "d1",
        0xfefd => "d2",
        0xfefc => "d3",
        _ => "00",
    };

    private static void TwoDigits(int count, Span<char> destination)
    {
        count = Math.Min(count, 99);
        destination[0] = (char)('0' + count / 10);
        destination[1] = (char)('0' + count % 10);
    }

    private static void Alpn(in TlsClientHelloReader hello, Span<char> destination)
    {
        destination[0] = destination[1] = '0';
        foreach (var first in hello.AlpnProtocols)
        {
            if (first.IsEmpty)
                return;
            if (char.IsAsciiLetterOrDigit((char)first[0]) && char.IsAsciiLetterOrDigit((char)first[^1]))
            {
                destination[0] = (char)first[0];
                destination[1] = (char)first[^1];
            }
            else
            {
                destination[0] = HexDigit(first[0] >> 4);
                destination[1] = HexDigit(first[^1] & 0xF);
            }
            return;
        }
    }

    /// <summary>First 12 hex characters of SHA-256 over "xxxx,xxxx…" (then "_" and the second list when it has values).</summary>
    private static void HashList(ReadOnlySpan<ushort> values, ReadOnlySpan<byte> bigEndianSecond, Span<char> destination)
    {
        if (values.IsEmpty)
        {
            NoValues.CopyTo(destination);
            return;
        }
        Span<byte> input = stackalloc byte[5 * (values.Length + bigEndianSecond.Length / 2)];
        var length = 0;
        foreach (var value in values)
            length = AppendHex(input, length, value);
        var first = true;
        for (var i = 0; i + 1 < bigEndianSecond.Length; i += 2)
        {
            var value = BinaryPrimitives.ReadUInt16BigEndian(bigEndianSecond[i..]);
            if (TlsGrease.Is(value))
                continue;
            input[length - 1] = first ? (byte)'_' : (byte)',';
            first = false;
            length = AppendHex(input, length, value);
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(length - 1)], hash);
        for (var i = 0; i < 6; i++)
        {
            destination[2 * i] = HexDigit(hash[i] >> 4);
            destination[2 * i + 1] = HexDigit(hash[i] & 0xF);
        }
    }

    /// <summary>Writes 4 lowercase hex digits and a ',' (the last ',' is dropped or replaced by the caller).</summary>
    private static int AppendHex(Span<byte> input, int at, ushort value)
    {
        input[at] = (byte)HexDigit(value >> 12);
        input[at + 1] = (byte)HexDigit((value >> 8) & 0xF);
        input[at + 2] = (byte)HexDigit((value >> 4) & 0xF);
        input[at + 3] = (byte)HexDigit(value & 0xF);
        input[at + 4] = (byte)',';
        return at + 5;
    }

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
