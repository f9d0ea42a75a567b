using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Tests.Protocols;

using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Plaintext;

/// <summary>Plaintext logins and SNMP communities in the corpus captures, with the expected values taken from tshark.</summary>
public class PlaintextCorpusTests
{
    [Fact]
    public async Task A_Telnet_login_is_confirmed_with_its_login_name_and_never_its_password()
    {
        const string file = "ndpi/telnet.pcap";
        var frames = (await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "telnet.data", "ip.src", "ip.dst", "tcp.dstport", "telnet.data")).OrderBy(f => f.Key).Select(f => f.Value).ToList();
        // What the client typed after the server's "login:" and "Password:" prompts.
        string TypedAfter(string prompt) => frames.SkipWhile(f => !(f.First("telnet.data") ?? "").TrimEnd().EndsWith(prompt, StringComparison.OrdinalIgnoreCase))
            .First(f => f.First("tcp.dstport") == "23").First("telnet.data")!.Replace("\\r\\n", "").Trim();
        var login = TypedAfter("login:");
        var password = TypedAfter("Password:");
        var server = frames.First(f => f.First("tcp.dstport") == "23").First("ip.dst");

        var detection = Assert.Single(DetectionList.Replay(file));
        Assert.Equal(("telnet", DetectionConfidence.Confirmed, server, (ushort)23), (detection.Protocol, detection.Confidence, detection.Server.ToString(), detection.ServerPort));
        Assert.Contains($"'{login}'", detection.Evidence);
        Assert.Contains("accepted", detection.Evidence);
        Assert.DoesNotContain(password, detection.Evidence.Replace("login name", ""));
    }

    [Fact]
    public async Task An_FTP_login_is_confirmed_with_USER_and_its_refusal_and_never_the_password()
    {
        const string file = "zeek/ftp_ftp-password-pass-command.pcap";
        var frames = (await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "ftp", "ftp.request.command", "ftp.request.arg", "ftp.response.code")).Values.ToList();
        var user = frames.Single(f => f.First("ftp.request.command") == "USER").First("ftp.request.arg");
        var password = frames.Single(f => f.First("ftp.request.command") == "PASS").First("ftp.request.arg")!;
        var reply = frames.Last(f => f.First("ftp.response.code") is not null).First("ftp.response.code");

        var detection = Assert.Single(DetectionList.Replay(file));
        Assert.Equal(("ftp", DetectionConfidence.Confirmed, (ushort)21), (detection.Protocol, detection.Confidence, detection.ServerPort));
        Assert.Contains($"USER {user}", detection.Evidence);
        Assert.Contains($"{reply} login refused", detection.Evidence);
        Assert.DoesNotContain(password, detection.Evidence);
    }

    [Fact]
    public async Task Anonymous_FTP_carries_no_credential_and_is_not_reported()
    {
        const string file = "ndpi/ftp.pcap";
        var users = (await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "ftp.request.command == \"USER\"", "ftp.request.arg")).Values.Select(f => f.First("ftp.request.arg")).Distinct();
        Assert.Equal(["anonymous"], users);
        Assert.Empty(DetectionList.Replay(file));
    }

    public static TheoryData<string> BasicAuthCaptures() => ["ndpi/http_auth.pcap", "arkime/http-basicauth.pcap", "zeek/http_basic-auth-with-colon.pcap"];

    [Theory]
    [MemberData(nameof(BasicAuthCaptures))]
    public async Task HTTP_Basic_credentials_are_confirmed_with_the_user_name_and_never_the_password(string file)
    {
        var request = (await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "http.authbasic", "ip.src", "ip.dst", "tcp.dstport", "http.authbasic")).Values.Single();
        var credentials = request.First("http.authbasic")!;
        var colon = credentials.IndexOf(':');
        var (user, password) = (credentials[..colon], credentials[(colon + 1)..]);

        var detection = Assert.Single(DetectionList.Replay(file));
        Assert.Equal(("http", DetectionConfidence.Confirmed), (detection.Protocol, detection.Confidence));
        Assert.Equal((request.First("ip.src"), request.First("ip.dst"), request.First("tcp.dstport")),
            (detection.Client.ToString(), detection.Server.ToString(), detection.ServerPort.ToString()));
        Assert.Contains($"user '{user}'", detection.Evidence);
        Assert.DoesNotContain(password, detection.Evidence);
    }

    [Fact]
    public void HTTP_Digest_authentication_sends_no_password_and_is_not_reported() => Assert.Empty(DetectionList.Replay("arkime/http-digestauth.pcap"));

    public static TheoryData<string> SnmpCaptures() =>
    [
        "ndpi/snmp.pcap", "arkime/SNMPv2c_get_requests.pcap", "zeek/snmp_snmpv1_get.pcap", "zeek/snmp_snmpv1_trap.pcap", "zeek/snmp_snmpv2_get_bulk.pcap",
        "zeek/snmp_snmpwalk-short.pcap",
    ];

    /// <summary>
    /// One detection per manager, agent and community that tshark shows in an SNMPv1/v2c message:
    /// confirmed when the agent answered with it, flagged weak when it is on the defaults list; the
    /// community itself appears nowhere in what is reported.
    /// </summary>
    [Theory]
    [MemberData(nameof(SnmpCaptures))]
    public async Task Every_SNMP_community_in_use_is_reported_once_without_its_value(string file)
    {
        var messages = (await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "snmp.community || (snmp.version <= 1)", "ip.src", "ip.dst", "snmp.version", "snmp.community", "snmp.data")).Values
            .Where(m => m.First("snmp.version") is "0" or "1").ToList();
        Assert.NotEmpty(messages);
        var expected = messages
            .Select(m => (FromAgent: m.First("snmp.data") is "2" or "4" or "7" or "8", Src: m.First("ip.src")!, Dst: m.First("ip.dst")!, Community: m.First("snmp.community") ?? "", Response: m.First("snmp.data") == "2"))
            .GroupBy(m => (Manager: m.FromAgent ? m.Dst : m.Src, Agent: m.FromAgent ? m.Src : m.Dst, m.Community))
            .ToDictionary(g => g.Key, g => g.Any(m => m.Response));

        var detections = DetectionList.Replay(file);
        Assert.Equal(expected.Count, detections.Count);
        foreach (var ((manager, agent, community), answered) in expected)
        {
            var detection = Assert.Single(detections, d => d.Client.ToString() == manager && d.Server.ToString() == agent
                && d.Evidence.Contains(DetectionList.Defaults.IsDefault(community) ? "a known default" : "not a known default"));
            Assert.Equal(answered ? DetectionConfidence.Confirmed : DetectionConfidence.Probable, detection.Confidence);
            Assert.Equal("snmp", detection.Protocol);
            if (community.Length >= 4)
                Assert.DoesNotContain(community, detection.Evidence + detection.Rule);
            Assert.Equal(DetectionList.Defaults.IsDefault(community) ? DetectionList.Defaults.Version : null, detection.Rule);
        }
    }
}
