using NetOps.Analyzer.Protocols.Quic;
using NetOps.Analyzer.Protocols.Tls;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>One ClientHello NetOps decrypted from the QUIC Initial packets of a corpus capture.</summary>
public sealed record QuicHello(int Frame, uint Version, PayloadFrame First, string? ServerName, string[] Alpn, string Ja4);

/// <summary>
/// The ClientHello of every UDP direction of a capture that sends decryptable QUIC Initials: keys from
/// the packet's Destination Connection ID (fresh ones when a packet fails with the old, as after a
/// Retry), CRYPTO frames assembled until the first handshake message is whole.
/// </summary>
public static class QuicHellos
{
    public static List<QuicHello> Of(string file)
    {
        var states = new Dictionary<(IpAddress, ushort, IpAddress, ushort, byte), (QuicInitialKeys? Keys, QuicCryptoAssembler Crypto, PayloadFrame First, bool Done)>();
        var hellos = new List<QuicHello>();
        var scratch = new byte[QuicInitialDecryptor.MaxPacketLength];
        foreach (var frame in PayloadFrame.Of(file).Where(f => f.Protocol == IpProtocols.Udp && !f.IsLaterFragment))
        {
            var datagram = frame.Payload.AsSpan();
            if (!QuicLongHeader.TryReadInitial(datagram, out var header))
                continue;
            if (!states.TryGetValue(frame.Direction, out var state))
                state = (null, new QuicCryptoAssembler(16 * 1024), frame, false);
            if (state.Done)
                continue;
            var result = QuicDecryptResult.AuthenticationFailed;
            ReadOnlySpan<byte> plaintext = default;
            if (state.Keys is not null)
                result = QuicInitialDecryptor.TryDecrypt(datagram, header, state.Keys, scratch, out plaintext, out _);
            if (result == QuicDecryptResult.AuthenticationFailed && QuicInitialKeys.TryCreate(header.Version, header.DestinationConnectionId, true, out var fresh))
            {
                result = QuicInitialDecryptor.TryDecrypt(datagram, header, fresh, scratch, out plaintext, out _);
                if (result == QuicDecryptResult.Decrypted)
                    state.Keys = fresh;
            }
            if (result == QuicDecryptResult.Decrypted)
            {
                foreach (var crypto in new QuicCryptoFrames(plaintext))
                    state.Crypto.Add(crypto.Offset, crypto.Data);
                if (state.Crypto.TryGetFirstMessage(out var message) && TlsClientHelloReader.TryRead(message, out var hello, out _))
                {
                    hellos.Add(Describe(frame.Number, header.Version, state.First, hello));
                    state.Done = true;
                }
            }
            states[frame.Direction] = state;
        }
        return hellos;
    }

    private static QuicHello Describe(int frame, uint version, PayloadFrame first, TlsClientHelloReader hello)
    {
        var alpn = new List<string>();
        foreach (var protocol in hello.AlpnProtocols)
            alpn.Add(System.Text.Encoding.ASCII.GetString(protocol));
        string? serverName = hello.TryGetServerName(out var name) ? System.Text.Encoding.ASCII.GetString(name) : null;
        return new QuicHello(frame, version, first, serverName, [.. alpn], Ja4Fingerprint.Compute(hello, Ja4Fingerprint.Quic));
    }
}
