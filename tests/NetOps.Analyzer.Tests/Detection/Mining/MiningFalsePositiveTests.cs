using NetOps.Appliance.Lab.Traffic.Payloads;
using static NetOps.Analyzer.Tests.Mining.OpaqueSessions;
using static NetOps.Analyzer.Tests.Mining.SyntheticTraffic;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>Traffic that looks like mining to a naive detector and must not be called mining (issue 5, each on purpose).</summary>
public class MiningFalsePositiveTests
{
    private static string Post(string host, string body) =>
        $"POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}";

    private static string Ok(string body) => $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}";

    [Fact]
    public void Generic_json_rpc_over_tcp_is_not_mining_even_with_login_and_submit_methods()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("10.20.0.30", 4444)
            .ClientSends(Line("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}")).ServerSends(Line("{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}"))
            .ClientSends(Line("{\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":[\"alice\",\"secret\"],\"id\":2}")).ServerSends(Line("{\"jsonrpc\":\"2.0\",\"result\":true,\"id\":2}"))
            .ClientSends(Line("{\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":[{\"form\":\"survey\"}],\"id\":3}")).ServerSends(Line("{\"jsonrpc\":\"2.0\",\"result\":{\"status\":\"OK\"},\"id\":3}"))
            .ClientSends(Line("{\"jsonrpc\":\"2.0\",\"method\":\"user.login\",\"params\":{\"user\":\"Admin\",\"password\":\"zabbix\"},\"id\":4}")).ServerSends(Line("{\"jsonrpc\":\"2.0\",\"result\":\"0424bd59b807674191e7d77572075f33\",\"id\":4}"))
            .Close();
        Assert.Empty(MiningScenario.Detect(traffic));
    }

    [Fact]
    public void Ethereum_node_rpc_on_8545_is_not_mining()
    {
        using var traffic = new SyntheticTraffic();
        var session = traffic.Connect("10.20.0.31", 8545);
        string[] calls =
        [
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_accounts\",\"params\":[],\"id\":2}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_getBalance\",\"params\":[\"0x407d73d8a49eeb85d32cf465507dd71d507100c1\",\"latest\"],\"id\":3}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_syncing\",\"params\":[],\"id\":4}",
        ];
        string[] answers =
        [
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1336d2\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":[\"0x407d73d8a49eeb85d32cf465507dd71d507100c1\",\"0x5aeda56215b167893e80b4fe645ba6d5bab767de\",\"0x6330a553fc93768f612722bb8c2ec78ac90b3bbc\"]}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":\"0x0234c8a3397aab58\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":false}",
        ];
        for (var i = 0; i < calls.Length; i++)
            session.ClientSends(Ascii(Post("10.20.0.31:8545", calls[i]))).ServerSends(Ascii(Ok(answers[i])));
        session.Close();
        // The same answers pushed as lines (a websocket-less IPC bridge) are no EthProxy work either.
        traffic.Connect("10.20.0.31", 8546).ClientSends(Line(calls[1])).ServerSends(Line(answers[1])).ServerSends(Line(answers[1].Replace("\"id\":2", "\"id\":0"))).Close();
        Assert.Empty(MiningScenario.Detect(traffic));
    }

    [Fact]
    public void Bitcoin_p2p_node_traffic_is_not_mining()
    {
        using var traffic = new SyntheticTraffic();
        byte[] magic = [0xf9, 0xbe, 0xb4, 0xd9];
        byte[] Message(string command, int length)
        {
            var header = new byte[24 + length];
            magic.CopyTo(header, 0);
            System.Text.Encoding.ASCII.GetBytes(command).CopyTo(header, 4);
            header[16] = (byte)length;
            return header;
        }
        var session = traffic.Connect("203.0.113.50", 8333).ClientSends(Message("version", 102)).ServerSends(Message("version", 102))
            .ClientSends(Message("verack", 0)).ServerSends(Message("verack", 0));
        for (var i = 0; i < 40; i++)
            session.Wait(30 * Second).ClientSends(Message("ping", 8)).ServerSends(Message("pong", 8)).ServerSends(Message("inv", 37));
        session.Close();
        Assert.Empty(MiningScenario.Detect(traffic));
    }

    [Theory]
    [InlineData(4444)]
    [InlineData(8888)]
    [InlineData(3333)]
    public void Web_servers_on_mining_ports_are_not_mining(ushort port)
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("10.20.0.32", port)
            .ClientSends(HttpPayload.Get($"10.20.0.32:{port}", "/tree", "Mozilla/5.0 (X11; Linux x86_64)"))
            .ServerSends(HttpPayload.Ok("application/json", System.Text.Encoding.ASCII.GetBytes("{\"id\":1,\"result\":[\"a\",\"b\"],\"method\":\"mining.notify\"}")))
            .Close();
        Assert.Empty(MiningScenario.Detect(traffic));
    }

    [Fact]
    public void Adb_on_5555_is_not_mining()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("10.20.0.33", 5555)
            .ClientSends(Ascii("CNXN\0\0\0\u0001\0\u0010\0\0\u0007\0\0\0\u0032\u0002\0\0\u00bc\u00b1\u00a7\u00b1host::\0"))
            .ServerSends(Ascii("CNXN\0\0\0\u0001\0\u0010\0\0\u0040\0\0\0device::ro.product.name=sdk;\0"))
            .Close();
        Assert.Empty(MiningScenario.Detect(traffic));
    }

    [Fact]
    public void Long_lived_chat_push_and_game_connections_are_not_mining()
    {
        using var traffic = new SyntheticTraffic();
        traffic.Connect("203.0.113.60", 5222).Tls(traffic.Random, "chat.example.edu.cn").Chat(traffic.Random, minutes: 40).Close();
        traffic.Connect("203.0.113.61", 5223).Tls(traffic.Random, "push.example.com").Heartbeats(traffic.Random, minutes: 60, heartbeatSeconds: 280).Close();
        traffic.Connect("203.0.113.62", 443).Tls(traffic.Random, null).Heartbeats(traffic.Random, minutes: 60, heartbeatSeconds: 25).Close();
        traffic.Connect("203.0.113.63", 7000).Game(traffic.Random, minutes: 12).Close();
        Assert.Empty(MiningScenario.Detect(traffic));
    }
}
