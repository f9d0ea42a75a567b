using NetOps.Analyzer.Detectors;
using NetOps.Analyzer.Protocols.Tls;
using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>One ClientHello NetOps found in a corpus capture, with the values the tests compare.</summary>
public sealed record TlsHello(int Frame, PayloadFrame First, string? ServerName, string[] Alpn, string[] CipherSuites, string[] ExtensionTypes,
    string[] SupportedVersions, string Ja4);

/// <summary>
/// The first ClientHello of every TCP direction of a corpus capture, found as the TLS inspector does:
/// the direction's first bytes in a <see cref="TcpStreamPrefix"/>, <see cref="TlsClientHelloLocator"/>
/// after each segment, <see cref="TlsClientHelloReader"/> on the message.
/// </summary>
public static class TlsHellos
{
    public const int StreamBound = 16 * 1024;

    public static (List<TlsHello> Hellos, Dictionary<string, int> Malformed) Of(string file)
    {
        var streams = new Dictionary<(IpAddress, ushort, IpAddress, ushort, byte), (TcpStreamPrefix Prefix, PayloadFrame First, bool Done)>();
        var hellos = new List<TlsHello>();
        var malformed = new Dictionary<string, int>();
        var scratch = new byte[StreamBound];
        foreach (var frame in PayloadFrame.Of(file).Where(f => f.Protocol == IpProtocols.Tcp && !f.IsLaterFragment))
        {
            if (!streams.TryGetValue(frame.Direction, out var stream))
            {
                if (!TlsClientHelloLocator.LooksLikeHandshakeRecord(frame.Payload))
                {
                    streams[frame.Direction] = (null!, frame, true);
                    continue;
                }
                stream = (new TcpStreamPrefix(StreamBound), frame, false);
            }
            if (stream.Done)
                continue;
            stream.Prefix.Append(frame.Sequence, frame.Payload);
            var status = TlsClientHelloLocator.Find(stream.Prefix.Bytes, scratch, out var message, out var reason);
            if (status == TlsHelloStatus.Complete && !TlsClientHelloReader.TryRead(message, out _, out reason))
                status = TlsHelloStatus.Malformed;
            // A server's first record is its ServerHello: not a client's hello, and not malformed.
            if (status == TlsHelloStatus.Malformed && reason != TlsMalformedReason.NotClientHello)
                malformed[reason.ToString()] = malformed.GetValueOrDefault(reason.ToString()) + 1;
            if (status == TlsHelloStatus.Complete)
            {
                TlsClientHelloReader.TryRead(message, out var hello, out _);
                hellos.Add(Describe(frame.Number, stream.First, hello));
            }
            streams[frame.Direction] = (stream.Prefix, stream.First, status != TlsHelloStatus.NeedMore);
        }
        return (hellos, malformed);
    }

    private static TlsHello Describe(int frame, PayloadFrame first, TlsClientHelloReader hello)
    {
        var alpn = new List<string>();
        foreach (var protocol in hello.AlpnProtocols)
            alpn.Add(System.Text.Encoding.ASCII.GetString(protocol));
        var suites = new string[hello.CipherSuiteCount];
        for (var i = 0; i < suites.Length; i++)
            suites[i] = $"0x{hello.CipherSuite(i):x4}";
        var extensions = new List<string>();
        foreach (var extension in hello.Extensions)
            extensions.Add(extension.Type.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var versions = hello.SupportedVersionBytes.ToArray().Chunk(2).Select(v => $"0x{v[0]:x2}{v[1]:x2}").ToArray();
        string? serverName = hello.TryGetServerName(out var name) ? System.Text.Encoding.ASCII.GetString(name) : null;
        return new TlsHello(frame, first, serverName, [.. alpn], suites, [.. extensions], versions, Ja4Fingerprint.Compute(hello, Ja4Fingerprint.Tcp));
    }
}
