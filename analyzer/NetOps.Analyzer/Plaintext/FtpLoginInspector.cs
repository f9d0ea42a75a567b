using System.Text;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Plaintext;

/// <summary>
/// FTP logins in clear (TCP 21): USER then PASS. Confirmed when PASS was sent; the reply
/// (230 accepted, 530 refused) is noted. USER without PASS is probable. Anonymous logins carry no
/// credential and are not reported; a session that switches to TLS (AUTH TLS) is no longer read.
/// The password is never kept.
/// </summary>
public sealed class FtpLoginInspector(IDetectionSink sink, IIdentityLookup? identity = null) : IPayloadInspector
{
    public const int MaxFlows = 10_000;

    private readonly FlowStates<Session> _sessions = new(MaxFlows);

    public string Name => "ftp_login";

    public long NotFollowed => _sessions.NotFollowed;

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != IpProtocols.Tcp || context.ServerPort != 21)
            return FlowInterest.None;
        if (!_sessions.TryGet(context.FlowId, out var session))
        {
            session = new Session(context);
            if (!_sessions.TryAdd(context.FlowId, session))
                return FlowInterest.None;
        }
        if (session.Done)
            return FlowInterest.End;
        session.Last = context.TimestampNanos;
        if (context.FromClient)
            session.FromClient.Append(payload, session.OnClientLine);
        else
            session.FromServer.Append(payload, session.OnServerLine);
        if (session.Outcome is not null)
            Report(session);
        return session.Done ? FlowInterest.End : FlowInterest.Packets;
    }

    public void OnFlowEnd(in FlowSummary flow)
    {
        if (_sessions.Remove(flow.FlowId, out var session))
            Report(session);
    }

    public void OnEnd()
    {
        foreach (var session in _sessions.TakeAll())
            Report(session);
    }

    private void Report(Session session)
    {
        if (session.Done || session.User is null || session.Anonymous)
            return;
        session.Done = true;
        var confidence = session.PasswordSent ? DetectionConfidence.Confirmed : DetectionConfidence.Probable;
        var what = session.PasswordSent ? $"FTP login in clear: USER {session.User}, PASS sent (not kept)" : $"FTP USER {session.User} in clear, no PASS seen";
        sink.Report(session.Detection("ftp", Name, confidence, what + "; server: " + (session.Outcome ?? "no reply seen"), identity));
    }

    private sealed class Session(in PayloadContext context) : LoginFlow(context)
    {
        public LineAssembler FromClient { get; } = new();
        public LineAssembler FromServer { get; } = new();
        public string? User { get; private set; }
        public bool Anonymous { get; private set; }
        public bool PasswordSent { get; private set; }
        public string? Outcome { get; private set; }
        public bool Done { get; set; }

        public void OnClientLine(ReadOnlySpan<byte> line)
        {
            if (Command(line, "USER"u8))
            {
                User = PlaintextDetection.LoginName(line[4..].Trim((byte)' '));
                Anonymous = User.Equals("anonymous", StringComparison.OrdinalIgnoreCase) || User.Equals("ftp", StringComparison.OrdinalIgnoreCase);
                PasswordSent = false;
            }
            else if (Command(line, "PASS"u8) && User is not null)
            {
                PasswordSent = true;
            }
            else if (Command(line, "AUTH"u8))
            {
                Done = true; // TLS from here on: nothing more to read
            }
        }

        public void OnServerLine(ReadOnlySpan<byte> line)
        {
            if (!PasswordSent || line.Length < 3)
                return;
            if (line.StartsWith("230"u8))
                Outcome = "230 login accepted";
            else if (line.StartsWith("530"u8))
                Outcome = "530 login refused";
        }

        private static bool Command(ReadOnlySpan<byte> line, ReadOnlySpan<byte> verb) =>
            line.Length >= verb.Length && Ascii.EqualsIgnoreCase(line[..verb.Length], verb) && (line.Length == verb.Length || line[verb.Length] == (byte)' ');
    }
}
