using NetOps.Appliance.Lab.Traffic;
using NetOps.Appliance.Lab.Traffic.Payloads;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>Long-lived sessions whose content cannot be read (TLS records, encrypted frames), shaped by timing and size only.</summary>
internal static class OpaqueSessions
{
    public const long Second = 1_000_000_000;

    /// <summary>A TLS 1.3 handshake (ClientHello with <paramref name="serverName"/>, or none) before the records.</summary>
    public static TcpConversation Tls(this TcpConversation session, Random random, string? serverName)
    {
        var hello = TlsPayload.ClientHello(random, serverName);
        return session.ClientSends(hello).ServerSends(TlsPayload.ServerHello(random, hello));
    }

    /// <summary>
    /// What a miner does inside any wrapping: a share every <paramref name="shareSeconds"/> (jittered ±50%)
    /// answered at once, and a new job from the pool every few shares, for <paramref name="minutes"/>.
    /// </summary>
    public static TcpConversation MinerLike(this TcpConversation session, Random random, double minutes, double shareSeconds = 10, bool tlsRecords = true)
    {
        var end = session.Now + (long)(minutes * 60 * Second);
        var share = 0;
        while (session.Now < end)
        {
            session.Wait((long)(shareSeconds * Second * (0.5 + random.NextDouble())));
            session.ClientSends(Record(random, 180 + random.Next(60), tlsRecords)).ServerSends(Record(random, 60, tlsRecords));
            if (++share % 3 == 0)
                session.ServerSends(Record(random, 420 + random.Next(80), tlsRecords));
        }
        return session;
    }

    /// <summary>A push channel: a small heartbeat each way every <paramref name="heartbeatSeconds"/>, for <paramref name="minutes"/>.</summary>
    public static TcpConversation Heartbeats(this TcpConversation session, Random random, double minutes, double heartbeatSeconds, bool tlsRecords = true)
    {
        var end = session.Now + (long)(minutes * 60 * Second);
        while (session.Now < end)
            session.Wait((long)(heartbeatSeconds * Second)).ClientSends(Record(random, 40, tlsRecords)).ServerSends(Record(random, 40, tlsRecords));
        return session;
    }

    /// <summary>Chat: bursts of messages with long, irregular pauses.</summary>
    public static TcpConversation Chat(this TcpConversation session, Random random, double minutes)
    {
        var end = session.Now + (long)(minutes * 60 * Second);
        while (session.Now < end)
        {
            var burst = 1 + random.Next(6);
            for (var i = 0; i < burst; i++)
                session.Wait((long)(random.NextDouble() * 3 * Second)).ClientSends(Record(random, 80 + random.Next(400), true)).ServerSends(Record(random, 100 + random.Next(2000), true));
            session.Wait((long)(Math.Pow(random.NextDouble(), 3) * 600 * Second));
        }
        return session;
    }

    /// <summary>A real-time game: small state updates both ways <paramref name="perSecond"/> times a second.</summary>
    public static TcpConversation Game(this TcpConversation session, Random random, double minutes, int perSecond = 20)
    {
        var end = session.Now + (long)(minutes * 60 * Second);
        while (session.Now < end)
            session.Wait(Second / perSecond).ClientSends(Record(random, 40 + random.Next(40), false)).ServerSends(Record(random, 60 + random.Next(120), false));
        return session;
    }

    /// <summary>A TLS application-data record of <paramref name="length"/> bytes, or that many random bytes.</summary>
    public static byte[] Record(Random random, int length, bool tls)
    {
        if (tls)
            return TlsPayload.ApplicationData(random, length);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
