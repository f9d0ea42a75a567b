using System.Formats.Asn1;
using System.Security.Cryptography;
using NetOps.Snmp.Ber;

namespace NetOps.Snmp.Usm;

/// <summary>The parts of an SNMPv3 message as read off the wire (before any key is applied).</summary>
/// <summary>contextEngineID and contextName of a scoped PDU.</summary>
internal sealed record ScopedContext(byte[] EngineId, byte[] Name);

internal sealed record V3Envelope(int MsgId, byte Flags, byte[] EngineId, int Boots, int Time, byte[] UserName, byte[] AuthParameters, byte[] PrivParameters, int AuthOffset);

/// <summary>SNMPv3 messages with the User-based Security Model (RFC 3412, RFC 3414).</summary>
internal static class V3Codec
{
    public const byte FlagAuth = 1, FlagPriv = 2, FlagReportable = 4;
    private const int MaxSize = 65507;
    private static ulong _saltCounter = (ulong)Random.Shared.NextInt64();

    /// <summary>A discovery probe: noAuthNoPriv, empty engine ID and user, reportable.</summary>
    public static byte[] Discovery(int msgId, int requestId) =>
        Encode(msgId, FlagReportable, [], 0, 0, [], [], [], ScopedPdu([], [], new SnmpPdu(PduType.GetRequest, requestId, 0, 0, [])));

    public static byte[] Request(int msgId, UsmUser user, UsmEngine engine, SnmpPdu pdu, bool reportable = true, ScopedContext? context = null)
    {
        var flags = (byte)((reportable ? FlagReportable : 0) | (user.Authenticates ? FlagAuth : 0) | (user.Encrypts ? FlagPriv : 0));
        var scoped = context is null
            ? ScopedPdu(engine.EngineId, System.Text.Encoding.UTF8.GetBytes(user.ContextName), pdu)
            : ScopedPdu(context.EngineId, context.Name, pdu);
        byte[] data = scoped, privParams = [];
        var time = engine.Time;
        if (user.Encrypts)
        {
            var (cipher, salt) = UsmCrypto.Encrypt(user.Priv, engine.PrivKey!, engine.Boots, time, Interlocked.Increment(ref _saltCounter), scoped);
            var w = new AsnWriter(AsnEncodingRules.BER);
            w.WriteOctetString(cipher);
            data = w.Encode();
            privParams = salt;
        }
        var macLength = UsmProtocolNames.MacLength(user.Auth);
        var message = Encode(msgId, flags, engine.EngineId, engine.Boots, time, System.Text.Encoding.UTF8.GetBytes(user.Name), new byte[macLength], privParams, data);
        if (user.Authenticates)
        {
            var envelope = ReadEnvelope(message);
            UsmCrypto.Mac(user.Auth, engine.AuthKey!, message).CopyTo(message.AsSpan(envelope.AuthOffset));
        }
        return message;
    }

    /// <summary>
    /// A Report from our own (authoritative) engine: unauthenticated for discovery and unknown users,
    /// or authenticated with the user's keys (e.g. notInTimeWindows) when <paramref name="user"/> is given.
    /// </summary>
    public static byte[] Report(int msgId, UsmEngine engine, string reportOid, uint count, int requestId, UsmUser? user = null)
    {
        var pdu = new SnmpPdu(PduType.Report, requestId, 0, 0,
            [new VarBind(ObjectIdentifier.Parse(reportOid), SnmpValue.Unsigned32(SnmpType.Counter32, count))]);
        if (user is not null && user.Authenticates)
            return Request(msgId, user with { Priv = PrivProtocol.None }, engine, pdu, reportable: false);
        return Encode(msgId, 0, engine.EngineId, engine.Boots, engine.Time, user is null ? [] : System.Text.Encoding.UTF8.GetBytes(user.Name), [], [],
            ScopedPdu(engine.EngineId, [], pdu));
    }

    public static bool IsV3(ReadOnlySpan<byte> datagram)
    {
        var outer = new BerReader(datagram);
        if (!outer.TryRead(out var tag, out var body, out _) || tag != Asn1Tag.Sequence)
            return false;
        var reader = new BerReader(body);
        return reader.TryRead(out var vtag, out var version, out _) && vtag == Asn1Tag.Integer && BerReader.ToSigned(version) == 3;
    }

    /// <summary>Reads header and security parameters; throws <see cref="SnmpDecodeException"/> when malformed.</summary>
    public static V3Envelope ReadEnvelope(ReadOnlySpan<byte> datagram)
    {
        var outer = new BerReader(datagram);
        var body = new BerReader(outer.Read(Asn1Tag.Sequence));
        if (body.ReadInteger() != 3)
            throw new SnmpDecodeException(MalformedReason.UnsupportedVersion, "not SNMPv3");
        var header = new BerReader(body.Read(Asn1Tag.Sequence));
        var msgId = (int)header.ReadInteger();
        header.ReadInteger(); // msgMaxSize
        var flags = header.Read(Asn1Tag.PrimitiveOctetString);
        if (flags.Length != 1)
            throw new SnmpDecodeException(MalformedReason.BadValue, "msgFlags is not one byte");
        if (header.ReadInteger() != 3)
            throw new SnmpDecodeException(MalformedReason.BadValue, "security model is not USM");
        var securityParameters = body.Read(Asn1Tag.PrimitiveOctetString);
        var usm = new BerReader(new BerReader(securityParameters).Read(Asn1Tag.Sequence));
        var engineId = usm.Read(Asn1Tag.PrimitiveOctetString).ToArray();
        var boots = (int)usm.ReadInteger();
        var time = (int)usm.ReadInteger();
        var user = usm.Read(Asn1Tag.PrimitiveOctetString).ToArray();
        var auth = usm.Read(Asn1Tag.PrimitiveOctetString);
        datagram.Overlaps(auth, out var authOffset);
        var priv = usm.Read(Asn1Tag.PrimitiveOctetString).ToArray();
        return new V3Envelope(msgId, flags[0], engineId, boots, time, user, auth.ToArray(), priv, authOffset);
    }

    /// <summary>Checks the digest and decrypts as the flags say; returns the PDU.</summary>
    public static SnmpPdu ReadPdu(byte[] datagram, V3Envelope envelope, UsmUser? user, UsmEngine? engine) =>
        ReadScopedPdu(datagram, envelope, user, engine).Pdu;

    /// <summary>As <see cref="ReadPdu"/>, with the context the sender named (a response must echo it).</summary>
    public static (SnmpPdu Pdu, ScopedContext Context) ReadScopedPdu(byte[] datagram, V3Envelope envelope, UsmUser? user, UsmEngine? engine)
    {
        if ((envelope.Flags & FlagAuth) != 0)
        {
            if (user is null || engine?.AuthKey is null || !user.Authenticates)
                throw new UsmException("the agent authenticated a message we cannot check");
            var copy = (byte[])datagram.Clone();
            copy.AsSpan(envelope.AuthOffset, envelope.AuthParameters.Length).Clear();
            var expected = UsmCrypto.Mac(user.Auth, engine.AuthKey, copy);
            if (!CryptographicOperations.FixedTimeEquals(expected, envelope.AuthParameters))
                throw new UsmException("the answer's digest does not match: wrong authentication password or protocol");
        }
        var outer = new BerReader(datagram);
        var body = new BerReader(outer.Read(Asn1Tag.Sequence));
        body.ReadInteger();
        body.Read(Asn1Tag.Sequence);
        body.Read(Asn1Tag.PrimitiveOctetString);
        if (!body.TryRead(out var tag, out var content, out var error))
            throw new SnmpDecodeException(error, "no scoped PDU");
        if ((envelope.Flags & FlagPriv) == 0)
        {
            if (tag != Asn1Tag.Sequence)
                throw new SnmpDecodeException(MalformedReason.UnexpectedTag, "the scoped PDU is not a SEQUENCE");
            return ReadScoped(content);
        }
        if (user is null || engine?.PrivKey is null || !user.Encrypts)
            throw new UsmException("the agent encrypted a message we cannot decrypt");
        if (tag != Asn1Tag.PrimitiveOctetString)
            throw new SnmpDecodeException(MalformedReason.UnexpectedTag, "the encrypted PDU is not an OCTET STRING");
        var plain = UsmCrypto.Decrypt(user.Priv, engine.PrivKey, envelope.Boots, envelope.Time, envelope.PrivParameters, content);
        var reader = new BerReader(plain);
        if (!reader.TryRead(out var scopedTag, out var scoped, out _) || scopedTag != Asn1Tag.Sequence)
            throw new UsmException("the decrypted PDU is not a scoped PDU: wrong privacy password or protocol");
        return ReadScoped(scoped);
    }

    private static (SnmpPdu, ScopedContext) ReadScoped(ReadOnlySpan<byte> content)
    {
        var scoped = new BerReader(content);
        var contextEngineId = scoped.Read(Asn1Tag.PrimitiveOctetString).ToArray();
        var contextName = scoped.Read(Asn1Tag.PrimitiveOctetString).ToArray();
        if (!scoped.TryRead(out var pduTag, out var pduContent, out var error))
            throw new SnmpDecodeException(error, "no PDU");
        if (pduTag.TagClass != TagClass.ContextSpecific || pduTag.TagValue > 8)
            throw new SnmpDecodeException(MalformedReason.UnexpectedTag, $"{pduTag} is not a PDU");
        return (SnmpCodec.ReadPdu((PduType)pduTag.TagValue, pduContent), new ScopedContext(contextEngineId, contextName));
    }

    private static byte[] ScopedPdu(byte[] contextEngineId, byte[] contextName, SnmpPdu pdu)
    {
        var w = new AsnWriter(AsnEncodingRules.BER);
        using (w.PushSequence())
        {
            w.WriteOctetString(contextEngineId);
            w.WriteOctetString(contextName);
            SnmpCodec.WritePdu(w, pdu);
        }
        return w.Encode();
    }

    private static byte[] Encode(int msgId, byte flags, byte[] engineId, int boots, int time, byte[] user, byte[] authParams, byte[] privParams, byte[] data)
    {
        var usm = new AsnWriter(AsnEncodingRules.BER);
        using (usm.PushSequence())
        {
            usm.WriteOctetString(engineId);
            usm.WriteInteger(boots);
            usm.WriteInteger(time);
            usm.WriteOctetString(user);
            usm.WriteOctetString(authParams);
            usm.WriteOctetString(privParams);
        }
        var w = new AsnWriter(AsnEncodingRules.BER);
        using (w.PushSequence())
        {
            w.WriteInteger(3);
            using (w.PushSequence())
            {
                w.WriteInteger(msgId);
                w.WriteInteger(MaxSize);
                w.WriteOctetString([flags]);
                w.WriteInteger(3);
            }
            w.WriteOctetString(usm.Encode());
            w.WriteEncodedValue(data);
        }
        return w.Encode();
    }
}
