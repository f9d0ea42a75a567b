using System.Text;

namespace NetOps.Appliance.Lab.Traffic.Payloads;

/// <summary>
/// The CryptoNote pool protocol exactly as XMRig 6 speaks it (newline-delimited JSON-RPC: login,
/// the pool's job, submit, keepalived): the lab's one miner, so indicator 66 has something to find.
/// The wallet is a made-up address of the right shape, not anybody's.
/// </summary>
internal static class XmrigPayload
{
    private const string Wallet = "48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD";

    public static byte[] Login() => Line(
        "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":\"" + Wallet + "\",\"pass\":\"lab-pc-66\"," +
        "\"agent\":\"XMRig/6.21.0 (Windows NT 10.0; Win64; x64) libuv/1.44.2 msvc/2019\",\"algo\":[\"rx/0\",\"cn/r\",\"rx/wow\"]}}");

    public static byte[] LoginResult(Random random) => Line(
        "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"id\":\"" + Hex(random, 8) + "\",\"job\":" + JobBody(random) +
        ",\"extensions\":[\"algo\",\"nicehash\",\"connect\",\"tls\",\"keepalive\"],\"status\":\"OK\"}}");

    public static byte[] Job(Random random) => Line("{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":" + JobBody(random) + "}");

    public static byte[] Submit(Random random, int id, string sessionId) => Line(
        "{\"id\":" + id + ",\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"id\":\"" + sessionId + "\",\"job_id\":\"" + Hex(random, 8) +
        "\",\"nonce\":\"" + Hex(random, 4) + "\",\"result\":\"" + Hex(random, 32) + "\",\"algo\":\"rx/0\"}}");

    public static byte[] SubmitResult(int id) => Line("{\"id\":" + id + ",\"jsonrpc\":\"2.0\",\"error\":null,\"result\":{\"status\":\"OK\"}}");

    public static byte[] KeepAlive(int id, string sessionId) =>
        Line("{\"id\":" + id + ",\"jsonrpc\":\"2.0\",\"method\":\"keepalived\",\"params\":{\"id\":\"" + sessionId + "\"}}");

    private static string JobBody(Random random) =>
        "{\"blob\":\"" + Hex(random, 76) + "\",\"job_id\":\"" + Hex(random, 8) + "\",\"target\":\"b88d0600\",\"algo\":\"rx/0\"," +
        "\"height\":3287415,\"seed_hash\":\"" + Hex(random, 32) + "\"}";

    private static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private static byte[] Line(string json) => Encoding.ASCII.GetBytes(json + "\n");
}
