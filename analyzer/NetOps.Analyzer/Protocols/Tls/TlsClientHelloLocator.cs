using System.Buffers.Binary;

namespace NetOps.Analyzer.Protocols.Tls;

/// <summary>Where finding a ClientHello in the first bytes of a client's TCP stream stands.</summary>
public enum TlsHelloStatus : byte
{
    /// <summary>The bytes so far are a TLS handshake start, but the ClientHello is not whole yet.</summary>
    NeedMore,
    /// <summary>The ClientHello handshake message is whole.</summary>
    Complete,
    /// <summary>The stream does not start with a TLS handshake record: not a TLS flow.</summary>
    NotTls,
    /// <summary>It started as TLS but the records lie (see the reason).</summary>
    Malformed,
}

/// <summary>
/// Finds the ClientHello handshake message in the records at the start of a client's TCP stream
/// (RFC 8446 5.1): in place when one record holds it (the common case), else reassembled from the
/// records' fragments into a caller's bounded scratch buffer.
/// </summary>
public static class TlsClientHelloLocator
{
    public const int RecordHeaderLength = 5;
    public const byte HandshakeContentType = 22;

    /// <summary>Largest record (RFC 8446 5.2: 2^14 plus expansion for protected records).</summary>
    public const int MaxRecordLength = 16384 + 2048;

    /// <summary>True when <paramref name="start"/> can be the first bytes of a TLS handshake record (SSL 3.0 to TLS 1.3 record versions).</summary>
    public static bool LooksLikeHandshakeRecord(ReadOnlySpan<byte> start) =>
        start.Length >= 3 && start[0] == HandshakeContentType && start[1] == 3 && start[2] <= 4;

    public static TlsHelloStatus Find(ReadOnlySpan<byte> stream, Span<byte> scratch, out ReadOnlySpan<byte> hello, out TlsMalformedReason reason)
    {
        hello = default;
        reason = TlsMalformedReason.None;
        if (!LooksLikeHandshakeRecord(stream))
            return stream.Length < 3 && (stream.IsEmpty || stream[0] == HandshakeContentType) ? TlsHelloStatus.NeedMore : TlsHelloStatus.NotTls;
        var assembled = 0;
        var position = 0;
        while (true)
        {
            if (position + RecordHeaderLength > stream.Length)
                return TlsHelloStatus.NeedMore;
            var record = stream.Slice(position, RecordHeaderLength);
            var length = BinaryPrimitives.ReadUInt16BigEndian(record[3..]);
            if (record[0] != HandshakeContentType)
                return Malformed(TlsMalformedReason.UnexpectedRecord, out reason);
            if (length == 0 || length > MaxRecordLength)
                return Malformed(TlsMalformedReason.BadRecordLength, out reason);
            var available = Math.Min(length, stream.Length - position - RecordHeaderLength);
            var fragment = stream.Slice(position + RecordHeaderLength, available);
            if (assembled == 0 && fragment.Length >= 1 && fragment[0] != TlsClientHelloReader.HandshakeType)
                return Malformed(TlsMalformedReason.NotClientHello, out reason);
            if (assembled == 0 && fragment.Length >= 4 && 4 + HandshakeLength(fragment) <= length)
            {
                // The whole message is inside this first record: no copy.
                if (4 + HandshakeLength(fragment) > fragment.Length)
                    return TlsHelloStatus.NeedMore;
                hello = fragment[..(4 + HandshakeLength(fragment))];
                return TlsHelloStatus.Complete;
            }
            if (available < length)
                return TlsHelloStatus.NeedMore;
            if (assembled + fragment.Length > scratch.Length)
                return Malformed(TlsMalformedReason.HelloTooLarge, out reason);
            fragment.CopyTo(scratch[assembled..]);
            assembled += fragment.Length;
            if (assembled >= 4)
            {
                var total = 4 + HandshakeLength(scratch);
                if (total > scratch.Length)
                    return Malformed(TlsMalformedReason.HelloTooLarge, out reason);
                if (assembled >= total)
                {
                    hello = scratch[..total];
                    return TlsHelloStatus.Complete;
                }
            }
            position += RecordHeaderLength + length;
        }
    }

    private static int HandshakeLength(ReadOnlySpan<byte> header) => (header[1] << 16) | (header[2] << 8) | header[3];

    private static TlsHelloStatus Malformed(TlsMalformedReason why, out TlsMalformedReason reason)
    {
        reason = why;
        return TlsHelloStatus.Malformed;
    }
}
