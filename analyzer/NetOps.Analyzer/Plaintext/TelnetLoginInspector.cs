using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Plaintext;

/// <summary>
/// Telnet management logins (TCP 23, or any flow opened with Telnet option negotiation). Confirmed
/// when the server prompted for a password and the client answered it; probable when only a login
/// prompt or a Telnet session was seen. The login name typed after "login:"/"Username:" is kept
/// (it is not the secret); what is typed after "Password:" never is. Whether the server accepted
/// it is noted from its next words ("incorrect", "failed", "invalid", "denied" mean refused).
/// </summary>
public sealed class TelnetLoginInspector(IDetectionSink sink, IIdentityLookup? identity = null) : IPayloadInspector
{
    public const int MaxFlows = 10_000;

    private static readonly string[] LoginPrompts = ["login:", "username:", "user name:", "user:"];
    private static readonly string[] Refusals = ["incorrect", "failed", "invalid", "denied", "bad password"];

    private readonly FlowStates<Session> _sessions = new(MaxFlows);

    public string Name => "telnet_login";

    public long NotFollowed => _sessions.NotFollowed;

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (context.Protocol != IpProtocols.Tcp)
            return FlowInterest.None;
        if (!_sessions.TryGet(context.FlowId, out var session))
        {
            // Port 23, or a flow whose first bytes (either way) are Telnet negotiation; every other flow is decided once.
            if (context.ServerPort != 23 && !(context.PayloadPacketInDirection == 1 && TelnetText.StartsWithCommand(payload)))
                return context.PayloadPacketsOtherDirection == 0 ? FlowInterest.Packets : FlowInterest.None;
            session = new Session(context);
            if (!_sessions.TryAdd(context.FlowId, session))
                return FlowInterest.None;
        }
        if (session.Done)
            return FlowInterest.End;
        session.Last = context.TimestampNanos;
        Span<byte> text = stackalloc byte[Math.Min(payload.Length, 2048)];
        text = text[..TelnetText.Strip(payload, text)];
        if (context.FromClient)
            session.OnClientText(text);
        else
            session.OnServerText(text);
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
        if (session.Done || !session.SawServerText)
            return;
        session.Done = true;
        var confidence = session.PasswordAnswered ? DetectionConfidence.Confirmed : DetectionConfidence.Probable;
        var who = session.User is { Length: > 0 } user ? $"login name '{user}'" : "no login name";
        var what = session.PasswordAnswered ? $"Telnet login in clear: {who}, password typed (not kept)"
            : session.SawLoginPrompt ? $"Telnet login prompt in clear, {who}, no password exchange seen"
            : "Telnet session in clear, no login exchange seen";
        sink.Report(session.Detection("telnet", Name, confidence, what + "; server: " + (session.Outcome ?? "no verdict seen"), identity));
    }

    private static bool EndsWithAny(string tail, string[] prompts)
    {
        var trimmed = tail.TrimEnd();
        foreach (var prompt in prompts)
        {
            if (trimmed.EndsWith(prompt, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private enum Phase { Start, LoginPrompted, PasswordPrompted, PasswordAnswered }

    private sealed class Session(in PayloadContext context) : LoginFlow(context)
    {
        private const int TailLength = 64;
        private readonly System.Text.StringBuilder _serverTail = new();
        private readonly System.Text.StringBuilder _user = new();
        private Phase _phase;

        public bool Done { get; set; }
        public bool SawServerText { get; private set; }
        public bool SawLoginPrompt { get; private set; }
        public bool PasswordAnswered => _phase == Phase.PasswordAnswered;
        public string? User { get; private set; }
        public string? Outcome { get; private set; }

        public void OnServerText(ReadOnlySpan<byte> text)
        {
            if (text.IsEmpty)
                return;
            SawServerText = true;
            foreach (var b in text)
                _serverTail.Append(b is >= 0x20 and < 0x7F or (byte)'\n' ? (char)b : ' ');
            if (_serverTail.Length > TailLength)
                _serverTail.Remove(0, _serverTail.Length - TailLength);
            var tail = _serverTail.ToString();
            if (_phase == Phase.PasswordAnswered)
            {
                var words = tail.ToLowerInvariant();
                Outcome = Refusals.Any(words.Contains) ? "refused" : EndsWithAny(tail, LoginPrompts) || EndsWithAny(tail, ["password:"]) ? "refused (prompted again)" : "accepted (session went on)";
                return;
            }
            if (EndsWithAny(tail, ["password:"]))
            {
                _phase = Phase.PasswordPrompted;
                _serverTail.Clear();
            }
            else if (EndsWithAny(tail, LoginPrompts))
            {
                _phase = Phase.LoginPrompted;
                SawLoginPrompt = true;
                _user.Clear();
                _serverTail.Clear();
            }
        }

        public void OnClientText(ReadOnlySpan<byte> text)
        {
            if (text.IsEmpty)
                return;
            if (_phase == Phase.PasswordPrompted)
            {
                // Never kept: only that the answer was typed (a line end closes it).
                if (text.Contains((byte)'\r') || text.Contains((byte)'\n'))
                {
                    _phase = Phase.PasswordAnswered;
                    _serverTail.Clear();
                }
                return;
            }
            if (_phase != Phase.LoginPrompted)
                return;
            foreach (var b in text)
            {
                if (b is (byte)'\r' or (byte)'\n')
                {
                    User = _user.ToString();
                    return;
                }
                if (b is >= 0x20 and < 0x7F && _user.Length < 64)
                    _user.Append((char)b);
            }
        }
    }
}
