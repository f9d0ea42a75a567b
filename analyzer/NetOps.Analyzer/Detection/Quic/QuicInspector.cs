using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Detectors.Tls;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Protocols.Quic;
using NetOps.Analyzer.Protocols.Tls;

namespace NetOps.Analyzer.Detectors.Quic;

/// <summary>
/// QUIC on any UDP port: a flow whose client's first datagram is an Initial of a known version gets
/// its Initial keys; the client's next Initials (up to <see cref="MaxInitialPackets"/>) are decrypted
/// and their CRYPTO frames assembled until the ClientHello is whole; its SNI goes to the
/// <see cref="ServerNameRegistry"/> and a <see cref="ClientHelloSummary"/> (JA4 with "q") is kept.
/// </summary>
public sealed class QuicInspector(ServerNameRegistry names) : IPayloadInspector
{
    /// <summary>Client Initial packets tried per flow before giving up (a ClientHello spans 1–3 of them).</summary>
    public const int MaxInitialPackets = 8;

    public const int MaxCryptoBytes = 16 * 1024;

    private sealed class Pending(QuicInitialKeys keys)
    {
        public QuicInitialKeys Keys = keys;
        public readonly QuicCryptoAssembler Crypto = new(MaxCryptoBytes);
        public int Packets;
    }

    private readonly Dictionary<ulong, Pending> _pending = new();
    private readonly Dictionary<ulong, ClientHelloSummary> _hellos = new();
    private readonly byte[] _scratch = new byte[QuicInitialDecryptor.MaxPacketLength];

    public string Name => "quic";

    public long Hellos { get; private set; }

    /// <summary>Initial packets whose protection did not open with the client's keys.</summary>
    public long UndecryptableInitials { get; private set; }

    public bool TryGetClientHello(ulong flowId, out ClientHelloSummary hello) => _hellos.TryGetValue(flowId, out hello!);

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != 17)
            return FlowInterest.None;
        if (!context.FromClient)
            return FlowInterest.Packets;
        Pending? pending;
        if (context.PayloadPacketInDirection == 1)
        {
            if (!QuicLongHeader.LooksLikeLongHeader(payload)
                || !QuicLongHeader.TryReadInitial(payload, out var first)
                || !QuicInitialKeys.TryCreate(first.Version, first.DestinationConnectionId, client: true, out var keys))
                return FlowInterest.None;
            pending = new Pending(keys);
            _pending[context.FlowId] = pending;
        }
        else if (!_pending.TryGetValue(context.FlowId, out pending))
        {
            return FlowInterest.None;
        }
        if (!QuicLongHeader.TryReadInitial(payload, out var header))
            return FlowInterest.Packets;
        pending.Packets++;
        var result = QuicInitialDecryptor.TryDecrypt(payload, header, pending.Keys, _scratch, out var plaintext, out _);
        // After a Retry the client protects its Initials with keys from the new Destination Connection ID.
        if (result == QuicDecryptResult.AuthenticationFailed && QuicInitialKeys.TryCreate(header.Version, header.DestinationConnectionId, true, out var fresh))
        {
            result = QuicInitialDecryptor.TryDecrypt(payload, header, fresh, _scratch, out plaintext, out _);
            if (result == QuicDecryptResult.Decrypted)
            {
                pending.Keys.Dispose();
                pending.Keys = fresh;
            }
            else
            {
                fresh.Dispose();
            }
        }
        if (result != QuicDecryptResult.Decrypted)
        {
            UndecryptableInitials++;
            return GiveUpAfterLimit(context.FlowId, pending);
        }
        foreach (var frame in new QuicCryptoFrames(plaintext))
            pending.Crypto.Add(frame.Offset, frame.Data);
        if (pending.Crypto.TryGetFirstMessage(out var message))
        {
            if (TlsClientHelloReader.TryRead(message, out var hello, out _))
            {
                var summary = TlsInspector.Summarize(hello, Ja4Fingerprint.Quic);
                _hellos[context.FlowId] = summary;
                Hellos++;
                if (summary.ServerName is not null)
                    names.Seen(context, summary.ServerName, ServerNameSource.QuicSni);
            }
            End(context.FlowId, pending);
            return _hellos.ContainsKey(context.FlowId) ? FlowInterest.End : FlowInterest.None;
        }
        if (!pending.Crypto.FirstMessageTooLarge)
            return GiveUpAfterLimit(context.FlowId, pending);
        End(context.FlowId, pending);
        return FlowInterest.None;
    }

    private FlowInterest GiveUpAfterLimit(ulong flowId, Pending pending)
    {
        if (pending.Packets < MaxInitialPackets)
            return FlowInterest.Packets;
        End(flowId, pending);
        return FlowInterest.None;
    }

    private void End(ulong flowId, Pending pending)
    {
        pending.Keys.Dispose();
        _pending.Remove(flowId);
    }

    public void OnFlowEnd(in FlowSummary flow)
    {
        if (_pending.Remove(flow.FlowId, out var pending))
            pending.Keys.Dispose();
        _hellos.Remove(flow.FlowId);
    }
}
