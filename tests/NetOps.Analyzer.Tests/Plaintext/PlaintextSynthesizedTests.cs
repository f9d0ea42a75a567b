using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Plaintext;

namespace NetOps.Analyzer.Tests.Plaintext;

/// <summary>Plaintext logins NetOps synthesizes: the variants the corpus lacks.</summary>
public class PlaintextSynthesizedTests
{
    private static readonly byte[] Negotiation = [0xff, 0xfb, 0x01, 0xff, 0xfb, 0x03];

    private static (DetectionList Sink, IPayloadInspector[] Inspectors) All(IIdentityLookup? identity = null)
    {
        var sink = new DetectionList();
        return (sink, [new TelnetLoginInspector(sink, identity), new FtpLoginInspector(sink, identity), new HttpBasicAuthInspector(sink, identity),
            new SnmpCommunityInspector(DetectionList.Defaults, sink, identity)]);
    }

    [Fact]
    public void A_character_mode_Telnet_login_to_a_switch_refused_is_confirmed_with_the_login_name_only()
    {
        var (sink, inspectors) = All();
        new Conversation(inspectors, "10.8.1.20", 51000, "10.8.0.1", 23)
            .Server([.. Negotiation, .. "\r\n\r\nUser Access Verification\r\n\r\nUsername: "u8.ToArray()])
            .Client([0xff, 0xfd, 0x01])
            .ClientTyping("netadmin\r")
            .Server("netadmin\r\nPassword: ")
            .ClientTyping("Sup3rS3cret!\r")
            .Server("\r\n% Authentication failed\r\n\r\nUsername: ")
            .End();

        var detection = Assert.Single(sink);
        Assert.Equal(("telnet", DetectionConfidence.Confirmed, "telnet_login"), (detection.Protocol, detection.Confidence, detection.Detector));
        Assert.Contains("'netadmin'", detection.Evidence);
        Assert.Contains("refused", detection.Evidence);
        Assert.DoesNotContain("Sup3r", detection.Evidence);
        Assert.Equal(Conversation.ClientMac, detection.ClientMac);
    }

    [Fact]
    public void Telnet_on_another_port_is_found_by_its_negotiation_and_a_prompt_alone_is_probable()
    {
        var (sink, inspectors) = All();
        new Conversation(inspectors, "10.8.1.20", 51001, "10.8.0.2", 2323)
            .Server([.. Negotiation, .. "Huawei S5735\r\nLogin authentication\r\n\r\nUsername:"u8.ToArray()])
            .End();
        var detection = Assert.Single(sink);
        Assert.Equal((DetectionConfidence.Probable, (ushort)2323), (detection.Confidence, detection.ServerPort));
        Assert.Contains("prompt", detection.Evidence);
    }

    [Fact]
    public void FTP_that_switches_to_TLS_is_not_reported_and_USER_alone_is_probable()
    {
        var (sink, inspectors) = All();
        new Conversation(inspectors, "10.8.1.20", 51002, "10.8.0.3", 21).Server("220 ready\r\n").Client("AUTH TLS\r\n").Server("234 go ahead\r\n").End();
        Assert.Empty(sink);

        new Conversation(inspectors, "10.8.1.20", 51003, "10.8.0.3", 21, flowId: 2).Server("220 ready\r\n").Client("USER back").Client("up\r\n").Server("331 password\r\n").End();
        var detection = Assert.Single(sink);
        Assert.Equal(DetectionConfidence.Probable, detection.Confidence);
        Assert.Contains("USER backup", detection.Evidence);
    }

    [Fact]
    public void HTTP_Basic_on_a_keep_alive_connection_is_reported_once_with_the_servers_verdict()
    {
        var (sink, inspectors) = All();
        var basic = Convert.ToBase64String("admin:router-pass"u8);
        new Conversation(inspectors, "10.8.1.20", 51004, "10.8.0.4", 8080)
            .Client($"GET /cgi-bin/status?token=abc HTTP/1.1\r\nHost: 10.8.0.4\r\nauthorization:   BASIC {basic}\r\n\r\n")
            .Server("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"ap\"\r\n\r\n")
            .Client($"GET /cgi-bin/status HTTP/1.1\r\nHost: 10.8.0.4\r\nAuthorization: Basic {basic}\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\n\r\n")
            .End();
        var detection = Assert.Single(sink);
        Assert.Contains("user 'admin'", detection.Evidence);
        Assert.Contains("401 refused", detection.Evidence);
        Assert.Contains("GET /cgi-bin/status HTTP/1.1", detection.Evidence);
        Assert.DoesNotContain("router-pass", detection.Evidence);
        Assert.DoesNotContain("token", detection.Evidence);
        Assert.DoesNotContain(basic, detection.Evidence);
    }

    [Fact]
    public void A_proxy_Basic_credential_and_a_Bearer_token()
    {
        var (sink, inspectors) = All();
        new Conversation(inspectors, "10.8.1.21", 51005, "10.8.0.5", 3128)
            .Client($"CONNECT example.org:443 HTTP/1.1\r\nProxy-Authorization: Basic {Convert.ToBase64String("s.li:pw"u8)}\r\n\r\n").End();
        new Conversation(inspectors, "10.8.1.21", 51006, "10.8.0.6", 80, flowId: 2).Client("GET / HTTP/1.1\r\nAuthorization: Bearer eyJhbGciOi\r\n\r\n").End();
        var detection = Assert.Single(sink);
        Assert.Contains("user 's.li'", detection.Evidence);
    }

    [Fact]
    public void An_unanswered_SNMP_request_with_a_default_community_is_probable_weak_and_names_the_user_the_timeline_knows()
    {
        var timeline = new IdentityTimeline();
        var manager = IpAddress.Parse("10.8.1.30");
        timeline.Record(new IdentityBinding { Address = manager, StartNanos = 0, EndNanos = long.MaxValue, User = "w.chen", Mac = new MacAddress(0x3c22fb0000aa), Source = "radius" });
        var (sink, inspectors) = All(timeline);
        // get-request, SNMPv2c, community "Public", request-id 1, sysDescr.0
        byte[] request = [0x30, 0x29, 0x02, 0x01, 0x01, 0x04, 0x06, .. "Public"u8, 0xa0, 0x1c, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
            0x30, 0x11, 0x30, 0x0f, 0x06, 0x0b, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00];
        new Conversation(inspectors, "10.8.1.30", 40000, "10.8.0.1", 161, IpProtocols.Udp).Client(request).End();

        var detection = Assert.Single(sink);
        Assert.Equal((DetectionConfidence.Probable, "w.chen"), (detection.Confidence, detection.User));
        Assert.Equal(new MacAddress(0x3c22fb0000aa), detection.ClientMac);
        Assert.Contains("a known default community (weak)", detection.Evidence);
        Assert.Contains("SNMPv2c get-request", detection.Evidence);
        Assert.DoesNotContain("Public", detection.Evidence);
        Assert.Equal(DetectionList.Defaults.Version, detection.Rule);
    }

    /// <summary>The hot path: a packet of a flow none of the identity or plaintext detectors wants costs no allocation.</summary>
    [Fact]
    public void Packets_of_other_flows_cost_no_allocation()
    {
        var timeline = new IdentityTimeline();
        var (_, plaintext) = All(timeline);
        IPayloadInspector[] inspectors = [.. plaintext, new DhcpInspector(timeline), new Dhcpv6Inspector(timeline), new RadiusInspector(timeline)];
        var tls = new PayloadContext { Protocol = IpProtocols.Tcp, IpVersion = 4, ClientPort = 50000, ServerPort = 443, FromClient = true, FlowId = 9, PayloadPacketInDirection = 2 };
        var dns = new PayloadContext { Protocol = IpProtocols.Udp, IpVersion = 4, ClientPort = 50001, ServerPort = 53, FromClient = true, FlowId = 10, PayloadPacketInDirection = 1 };
        byte[] payload = [0x16, 0x03, 0x01, 0x02, 0x00, .. new byte[600]];
        foreach (var inspector in inspectors)
        {
            inspector.Inspect(tls, payload);
            inspector.Inspect(dns, payload);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            foreach (var inspector in inspectors)
            {
                inspector.Inspect(tls, payload);
                inspector.Inspect(dns, payload);
            }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
