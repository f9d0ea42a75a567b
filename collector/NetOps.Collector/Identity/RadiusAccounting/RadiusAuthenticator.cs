using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Collector.Identity.RadiusAccounting;

/// <summary>The MD5 authenticators of RADIUS accounting (RFC 2866 §3).</summary>
public static class RadiusAuthenticator
{
    /// <summary>
    /// An Accounting-Request's Request Authenticator is MD5(Code | Identifier | Length | 16 zero octets |
    /// attributes | secret). Compared in constant time.
    /// </summary>
    public static bool IsValidAccountingRequest(ReadOnlySpan<byte> packet, string secret)
    {
        if (packet.Length < 20)
            return false;
        Span<byte> expected = stackalloc byte[16];
        Digest(packet[..4], stackalloc byte[16], packet[20..], secret, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(4, 16));
    }

    /// <summary>
    /// An Accounting-Response with no attributes: Code 5, the request's Identifier, Length 20, and the
    /// Response Authenticator MD5(5 | Identifier | 20 | Request Authenticator | secret).
    /// </summary>
    public static byte[] AccountingResponse(ReadOnlySpan<byte> request, string secret)
    {
        var response = new byte[20];
        response[0] = 5;
        response[1] = request[1];
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(2), 20);
        Digest(response.AsSpan(0, 4), request.Slice(4, 16), [], secret, response.AsSpan(4, 16));
        return response;
    }

    private static void Digest(ReadOnlySpan<byte> header, ReadOnlySpan<byte> authenticator, ReadOnlySpan<byte> attributes, string secret, Span<byte> digest)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(header);
        md5.AppendData(authenticator);
        md5.AppendData(attributes);
        md5.AppendData(Encoding.UTF8.GetBytes(secret));
        md5.GetHashAndReset(digest);
    }
}
