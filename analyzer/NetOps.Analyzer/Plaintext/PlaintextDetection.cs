using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Plaintext;

/// <summary>Builds the "plaintext_management" detections the Telnet, FTP, HTTP Basic and SNMP community detectors report.</summary>
internal static class PlaintextDetection
{
    public const string Kind = "plaintext_management";

    public const int MaxEvidence = 512;

    /// <summary>A detection for one flow; the user and MAC come from the identity timeline when it knows the client.</summary>
    public static Detection Create(string protocol, string detector, DetectionConfidence confidence, byte transport, ulong flowId,
        IpAddress client, ushort clientPort, IpAddress server, ushort serverPort, MacAddress? frameMac, long firstSeen, long lastSeen,
        string evidence, IIdentityLookup? identity, string? rule = null)
    {
        var who = identity?.Lookup(client, firstSeen);
        return new Detection
        {
            Kind = Kind,
            Confidence = confidence,
            Protocol = protocol,
            Detector = detector,
            Rule = rule,
            FlowId = flowId,
            TransportProtocol = transport,
            Client = client,
            ClientPort = clientPort,
            Server = server,
            ServerPort = serverPort,
            ClientMac = who?.Mac ?? frameMac,
            User = who?.User,
            FirstSeenNanos = firstSeen,
            LastSeenNanos = lastSeen,
            Evidence = evidence.Length > MaxEvidence ? evidence[..(MaxEvidence - 1)] + "…" : evidence,
        };
    }

    /// <summary>The client's MAC as the frame shows it (source of a client packet, destination of a server one).</summary>
    public static MacAddress? ClientFrameMac(in PayloadContext context) =>
        !context.HasMacAddresses ? null : context.FromClient ? context.SourceMac : context.DestinationMac;

    /// <summary>A login name as evidence: printable ASCII only, at most 64 characters.</summary>
    public static string LoginName(ReadOnlySpan<byte> raw)
    {
        Span<char> chars = stackalloc char[Math.Min(raw.Length, 64)];
        var n = 0;
        foreach (var b in raw)
        {
            if (n == chars.Length)
                break;
            chars[n++] = b is >= 0x20 and < 0x7F ? (char)b : '?';
        }
        return new string(chars[..n]);
    }
}
