using NetOps.Analyzer.Inspection;
using static NetOps.Analyzer.Tests.Mining.SyntheticTraffic;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>Every protocol variant, synthesized: both key orders, compact and spaced JSON, odd ports.</summary>
public class MiningProtocolTests
{
    private const long Second = 1_000_000_000;

    public static TheoryData<bool, ushort> Variants() => new() { { false, 3333 }, { true, 3333 }, { false, 443 }, { true, 25 }, { false, 53 } };

    private static string Json(bool spacedAndReordered, string compact, string reordered) => spacedAndReordered ? reordered : compact;

    [Theory]
    [MemberData(nameof(Variants))]
    public void Stratum_v1_bitcoin_subscribe_answered_is_confirmed(bool spaced, ushort port)
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.10", port)
            .ClientSends(Line(Json(spaced,
                "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"cgminer/4.12.0\"]}",
                "{ \"params\" : [ \"cgminer/4.12.0\" ] , \"method\" : \"mining.subscribe\" , \"id\" : 1 }")))
            .ServerSends(Line(Json(spaced,
                "{\"id\":1,\"result\":[[[\"mining.set_difficulty\",\"b4b6693b72a50c7116db18d6497cac52\"],[\"mining.notify\",\"ae6812eb4cd7735a302a8a9dd95cf71f\"]],\"08000002\",4],\"error\":null}",
                "{ \"error\" : null, \"result\" : [ [ [ \"mining.set_difficulty\", \"b4b6\" ], [ \"mining.notify\", \"ae68\" ] ], \"08000002\", 4 ], \"id\" : 1 }")))
            .ClientSends(Line("{\"params\":[\"bc1qexampleexampleexampleexampleexample0.rig1\",\"password\"],\"id\":2,\"method\":\"mining.authorize\"}"))
            .ServerSends(Line("{\"error\":null,\"id\":2,\"result\":true}"))
            .Wait(5 * Second)
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "stratum");
        Assert.Equal(port, detection.ServerPort);
        Assert.Contains("mining.subscribe", detection.Evidence);
        Assert.Equal(SyntheticTraffic.ClientMac.ToString(), detection.ClientMac.ToString()!.Replace(":", "").ToUpperInvariant());
    }

    [Fact]
    public void Stratum_pool_notify_after_authorize_confirms_without_a_subscribe()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.11", 14444)
            .ClientSends(Line("{\"id\":7,\"method\":\"mining.authorize\",\"params\":[\"wallet.worker\",\"x\"]}"))
            .ServerSends(Line("{\"params\":[\"bf\",\"4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000\",\"01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20020862062f503253482f04b8864e5008\",\"072f736c7573682f000000000100f2052a010000001976a914d23fcdf86f7e756a64a7a9688ef9903327048ed988ac00000000\",[],\"00000002\",\"1c2ac4af\",\"504e86b9\",false],\"id\":null,\"method\":\"mining.notify\"}"))
            .Close();
        MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "stratum");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Zcash_equihash_stratum_with_set_target_is_confirmed(bool spaced)
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.12", 3357)
            .ClientSends(Line(Json(spaced,
                "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"nheqminer/0.5c\",null,\"zec.example\",\"3357\"]}",
                "{\"method\": \"mining.subscribe\", \"params\": [\"nheqminer/0.5c\", null, \"zec.example\", \"3357\"], \"id\": 1}")))
            .ServerSends(Line("{\"id\":1,\"result\":[null,\"81000001\"],\"error\":null}"))
            .ServerSends(Line("{\"id\":null,\"method\":\"mining.set_target\",\"params\":[\"0004189374bc6a7ef9db22d0e5604189374bc6a7ef9db22d0e5604189374bc6a\"]}"))
            .Close();
        MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "stratum");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EthereumStratum_1_0_0_is_confirmed_and_named(bool spaced)
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.13", 4444)
            .ClientSends(Line(Json(spaced,
                "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"ethminer/0.19.0\",\"EthereumStratum/1.0.0\"]}",
                "{ \"params\": [ \"ethminer/0.19.0\", \"EthereumStratum/1.0.0\" ], \"id\": 1, \"method\": \"mining.subscribe\" }")))
            .ServerSends(Line("{\"id\":1,\"result\":[[\"mining.notify\",\"ae6812eb4cd7735a302a8a9dd95cf71f\",\"EthereumStratum/1.0.0\"],\"080c\"],\"error\":null}"))
            .ClientSends(Line("{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"0x1234567890abcdef1234567890abcdef12345678.rig\",\"x\"]}"))
            .ServerSends(Line("{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"bf0488aa\",\"abad8f99f3918bf903c6a909d9bbc0fdfa5a2f4b9cb1196175ec825c6610126c\",\"645cf20198c2f3861e947d4f67e3ab63b7b2e24dcc9095bd9123e7b33371f6cc\",true]}"))
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "ethereumstratum");
        Assert.DoesNotContain("1234567890abcdef1234567890abcdef12345678", detection.Evidence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EthProxy_login_and_getwork_are_confirmed(bool spaced)
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.14", 8008)
            .ClientSends(Line(Json(spaced,
                "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"eth_submitLogin\",\"params\":[\"0x9c99d212f7e5daa18ab50810e0fd255d1f04303b\",\"x\"],\"worker\":\"rig1\"}",
                "{ \"worker\": \"rig1\", \"params\": [ \"0x9c99d212f7e5daa18ab50810e0fd255d1f04303b\", \"x\" ], \"method\": \"eth_submitLogin\", \"jsonrpc\": \"2.0\", \"id\": 1 }")))
            .ServerSends(Line("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":true}"))
            .ClientSends(Line("{\"id\":2,\"jsonrpc\":\"2.0\",\"method\":\"eth_getWork\",\"params\":[]}"))
            .ServerSends(Line("{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":[\"0x415559c31768833f25b6dbfbb39be72e71375e14a3a711e589696850bc9431ec\",\"0x71a56feffb6f10ea9d76e1a9464eb0abd86e4349ae98fb794923a65b650282a3\",\"0x00000000dbe6fecebdedd5beb573440e5a884d1b2fbf06fcce912adcb8d8422e\"]}"))
            .ClientSends(Line("{\"id\":3,\"jsonrpc\":\"2.0\",\"method\":\"eth_submitHashrate\",\"params\":[\"0x0000000000000000000000000000000000000000000000000000000000500000\",\"0x59daa26581d0acd1fce254fb7e85952f4c09d0915afd33d3886cd914bc7d283c\"]}"))
            .ServerSends(Line("{\"id\":3,\"jsonrpc\":\"2.0\",\"result\":true}"))
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "ethproxy");
        Assert.DoesNotContain("9c99d212f7e5daa18ab50810e0fd255d1f04303b", detection.Evidence);
    }

    [Theory]
    [InlineData(3333)]
    [InlineData(80)]
    [InlineData(10128)]
    public void XMRig_login_answered_with_a_job_is_confirmed(ushort port)
    {
        using var traffic = new SyntheticTraffic();
        var session = traffic.Connect("203.0.113.15", port)
            .ClientSends(NetOps.Appliance.Lab.Traffic.Payloads.XmrigPayload.Login())
            .ServerSends(NetOps.Appliance.Lab.Traffic.Payloads.XmrigPayload.LoginResult(traffic.Random));
        for (var share = 2; share < 6; share++)
            session.Wait(7 * Second).ClientSends(NetOps.Appliance.Lab.Traffic.Payloads.XmrigPayload.Submit(traffic.Random, share, "lab"))
                .ServerSends(NetOps.Appliance.Lab.Traffic.Payloads.XmrigPayload.SubmitResult(share));
        session.Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "cryptonote");
        Assert.Contains("XMRig/6.21.0", detection.Evidence);
        Assert.Contains("\"pass\":\"<secret>\"", detection.Evidence);
        Assert.DoesNotContain("lab-pc-66", detection.Evidence);
        Assert.DoesNotContain("48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD", detection.Evidence);
        Assert.True(detection.LastSeenNanos - detection.FirstSeenNanos >= 28 * Second);
    }

    [Fact]
    public void XMRig_login_with_members_reordered_and_spaced_is_confirmed_by_the_pools_job_push()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.16", 5555)
            .ClientSends(Line("{ \"params\" : { \"agent\" : \"XMRig/6.22.2 (Linux x86_64) libuv/1.48.0 gcc/13.2.1\", \"algo\" : [ \"rx/0\" ], \"pass\" : \"x\", \"login\" : \"wallet\" }, \"method\" : \"login\", \"jsonrpc\" : \"2.0\", \"id\" : 1 }"))
            .ServerSends(Line("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1,\"message\":\"busy\"}}"))
            .ServerSends(Line("{\"method\":\"job\",\"params\":{\"target\":\"b88d0600\",\"job_id\":\"abc\",\"blob\":\"0707aaaa\"},\"jsonrpc\":\"2.0\"}"))
            .Close();
        MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "cryptonote");
    }

    [Fact]
    public void A_miners_request_alone_is_probable()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.17", 7777)
            .ClientSends(NetOps.Appliance.Lab.Traffic.Payloads.XmrigPayload.Login())
            .Wait(30 * Second)
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Probable, "cryptonote");
        Assert.Contains("pool -", detection.Evidence);
    }

    [Fact]
    public void A_pool_answer_to_a_different_id_does_not_confirm()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.18", 3333)
            .ClientSends(Line("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[]}"))
            .ServerSends(Line("{\"id\":9,\"result\":[\"a\",\"b\"],\"error\":null}"))
            .Close();
        MiningScenario.Single(traffic, DetectionConfidence.Probable, "stratum");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void getblocktemplate_over_http_post_is_confirmed(bool spaced)
    {
        var body = Json(spaced,
            "{\"jsonrpc\":\"1.0\",\"id\":\"miner\",\"method\":\"getblocktemplate\",\"params\":[{\"rules\":[\"segwit\"]}]}",
            "{ \"params\": [ { \"rules\": [ \"segwit\" ] } ], \"method\": \"getblocktemplate\", \"id\": \"miner\", \"jsonrpc\": \"1.0\" }");
        var answer = "{\"result\":{\"version\":536870912,\"rules\":[\"csv\",\"!segwit\"],\"previousblockhash\":\"000000000000000000026e0e6a2f1c1b8f8b6a4a9f1a8c2b8d4c3b2a1f0e9d8c\",\"transactions\":[],\"coinbasevalue\":312500000,\"target\":\"00000000000000000003e8a1000000000000000000000000000000000000000\",\"bits\":\"17031abe\",\"height\":870001},\"error\":null,\"id\":\"miner\"}";
        using var traffic = new SyntheticTraffic();
        traffic.Connect("10.20.0.40", 8332)
            .ClientSends(Ascii($"POST / HTTP/1.1\r\nHost: 10.20.0.40:8332\r\nAuthorization: Basic dXNlcjpwYXNz\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"))
            .ServerSends(Ascii($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Mon, 30 Nov 2026 08:00:00 GMT\r\nContent-Length: {answer.Length}\r\n\r\n{answer}"))
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "getblocktemplate");
        Assert.DoesNotContain("dXNlcjpwYXNz", detection.Evidence);
    }

    [Fact]
    public void getwork_over_http_post_is_confirmed()
    {
        const string body = "{\"method\":\"getwork\",\"params\":[],\"id\":0}";
        const string answer = "{\"result\":{\"midstate\":\"2b3f81261b1d7f2a7c5e1f3d2a0c4b6e8d9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b\",\"data\":\"00000001c570c4764aadb3f09895619f549000b8b51a789e7f58ea750000709700000000103ca064f8c76c390683f8203043e91466a7fcc40e6ebc428fbcc2d89b574a864db8345b1b00b5ac00000000000000800000000000000000000000000000000000000000000000000000000000000000000000000000000080020000\",\"hash1\":\"00000000000000000000000000000000000000000000000000000000000000000000008000000000000000000000000000000000000000000000000000010000\",\"target\":\"ffffffffffffffffffffffffffffffffffffffffffffffffffffffff00000000\"},\"error\":null,\"id\":0}";
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.19", 8337)
            .ClientSends(Ascii($"POST / HTTP/1.1\r\nHost: pool.example:8337\r\nContent-Length: {body.Length}\r\n\r\n{body}"))
            .ServerSends(Ascii($"HTTP/1.1 200 OK\r\nContent-Length: {answer.Length}\r\n\r\n{answer}"))
            .Close();
        MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "getwork");
    }

    [Fact]
    public void CoinHive_style_browser_miner_over_websocket_is_confirmed()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.20", 8080)
            .ClientSends(Ascii("GET /proxy HTTP/1.1\r\nHost: ws.miner.example:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://games.example\r\n\r\n"))
            .ServerSends(Ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"))
            .ClientSends(WebSocketFrames.Text("{\"type\":\"auth\",\"params\":{\"site_key\":\"QWERTYUIOPASDFGHJKLZXCVBNM123456\",\"type\":\"anonymous\",\"user\":null,\"goal\":0}}", masked: true))
            .ServerSends(WebSocketFrames.Text("{\"type\":\"authed\",\"params\":{\"token\":\"\",\"hashes\":0}}", masked: false))
            .ServerSends(WebSocketFrames.Text("{\"type\":\"job\",\"params\":{\"job_id\":\"930409582713155\",\"blob\":\"0606c5a3b8d1051b\",\"target\":\"ffffff00\"}}", masked: false))
            .ClientSends(WebSocketFrames.Text("{\"type\":\"submit\",\"params\":{\"job_id\":\"930409582713155\",\"nonce\":\"ab0d0000\",\"result\":\"e1c0d3d2\"}}", masked: true))
            .Close();
        var detection = MiningScenario.Single(traffic, DetectionConfidence.Confirmed, "websocket_miner");
        Assert.DoesNotContain("QWERTYUIOPASDFGHJKLZXCVBNM123456", detection.Evidence);
        Assert.Contains("\"type\":\"auth\"", detection.Evidence);
    }
}

/// <summary>What the wire does to a stream: retransmits, reordering, a capture that starts mid-connection.</summary>
public class MiningStreamTests
{
    [Fact]
    public void Retransmitted_and_reordered_segments_still_confirm()
    {
        using var traffic = new SyntheticTraffic();
        // A subscribe of three segments (1,400 + 1,400 + the rest): its agent string is long.
        traffic.Connect("203.0.113.30", 3333)
            .ClientSends(SyntheticTraffic.Line("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"" + new string('a', 3000) + "\"]}"))
            .ServerSends(SyntheticTraffic.Line("{\"id\":1,\"result\":[[[\"mining.notify\",\"1\"]],\"08000002\",4],\"error\":null}"))
            .Close();
        var detections = MiningScenario.Detect(traffic, frames =>
        {
            var data = frames.Select((f, i) => (f, i)).Where(x => x.f.Frame.Length > 200).Select(x => x.i).ToList();
            Assert.True(data.Count >= 3);
            // The second and third segments swap places; the first and third arrive once more.
            var edited = new List<(long, byte[])>(frames);
            (edited[data[1]], edited[data[2]]) = (edited[data[2]], edited[data[1]]);
            edited.Insert(data[2] + 1, frames[data[0]]);
            edited.Insert(data[2] + 2, frames[data[2]]);
            return edited;
        });
        Assert.Equal(DetectionConfidence.Confirmed, Assert.Single(detections).Confidence);
    }

    [Fact]
    public void A_capture_that_starts_with_the_pools_push_names_the_miner_as_client()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.31", 3333)
            .ServerSends(SyntheticTraffic.Line("{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"bf\",\"4d16b6f8\",\"01000000\",\"072f736c\",[],\"00000002\",\"1c2ac4af\",\"504e86b9\",false]}"))
            .ClientSends(SyntheticTraffic.Line("{\"id\":4,\"method\":\"mining.submit\",\"params\":[\"wallet.rig\",\"bf\",\"00000000\",\"504e86b9\",\"b2957c02\"]}"))
            .ServerSends(SyntheticTraffic.Line("{\"id\":4,\"result\":true,\"error\":null}"))
            .Close();
        var detection = Assert.Single(MiningScenario.Detect(traffic, frames => frames.Skip(3)));
        Assert.Equal(DetectionConfidence.Confirmed, detection.Confidence);
        Assert.Equal((IpAddress.Parse("10.20.1.66"), (ushort)3333), (detection.Client, detection.ServerPort));
    }
}
