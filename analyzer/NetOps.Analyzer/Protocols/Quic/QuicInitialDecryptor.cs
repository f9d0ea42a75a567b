namespace NetOps.Analyzer.Protocols.Quic;

/// <summary>How removing an Initial packet's protection went.</summary>
public enum QuicDecryptResult : byte
{
    Decrypted,
    /// <summary>The packet is too short for a header-protection sample or an AEAD tag.</summary>
    TooShort,
    /// <summary>The AEAD tag did not verify: other keys (not the client's first Initial), or corrupt.</summary>
    AuthenticationFailed,
}

/// <summary>Removes header protection (RFC 9001 5.4) and opens the payload (5.3) of one Initial packet.</summary>
public static class QuicInitialDecryptor
{
    /// <summary>Largest Initial packet handled: a UDP datagram's payload.</summary>
    public const int MaxPacketLength = 65_527;

    private const int SampleOffset = 4;
    private const int SampleLength = 16;
    private const int TagLength = 16;

    /// <summary>
    /// Decrypts the packet <paramref name="header"/> describes; <paramref name="scratch"/> (at least
    /// <see cref="QuicLongHeader.PacketLength"/> bytes) receives the unprotected header and
    /// <paramref name="plaintext"/> the frames, both views into it.
    /// </summary>
    public static QuicDecryptResult TryDecrypt(ReadOnlySpan<byte> datagram, scoped in QuicLongHeader header, QuicInitialKeys keys, Span<byte> scratch,
        out ReadOnlySpan<byte> plaintext, out ulong packetNumber)
    {
        plaintext = default;
        packetNumber = 0;
        var pnOffset = header.PacketNumberOffset;
        if (pnOffset + SampleOffset + SampleLength > header.PacketLength || header.PacketLength > scratch.Length)
            return QuicDecryptResult.TooShort;
        var packet = scratch[..header.PacketLength];
        datagram[..header.PacketLength].CopyTo(packet);
        Span<byte> mask = stackalloc byte[5];
        keys.Mask(packet.Slice(pnOffset + SampleOffset, SampleLength), mask);
        packet[0] ^= (byte)(mask[0] & 0x0F);
        var pnLength = (packet[0] & 0x03) + 1;
        for (var i = 0; i < pnLength; i++)
        {
            packet[pnOffset + i] ^= mask[1 + i];
            packetNumber = (packetNumber << 8) | packet[pnOffset + i];
        }
        var payloadOffset = pnOffset + pnLength;
        if (header.PacketLength - payloadOffset < TagLength)
            return QuicDecryptResult.TooShort;
        // The first Initials of a connection are numbered from 0, so the truncated number is the full one.
        var ciphertext = packet[payloadOffset..];
        var output = packet[payloadOffset..^TagLength];
        Span<byte> copy = ciphertext.Length <= 2048 ? stackalloc byte[ciphertext.Length] : new byte[ciphertext.Length];
        ciphertext.CopyTo(copy);
        if (!keys.TryOpen(packetNumber, packet[..payloadOffset], copy, output))
            return QuicDecryptResult.AuthenticationFailed;
        plaintext = output;
        return QuicDecryptResult.Decrypted;
    }
}
