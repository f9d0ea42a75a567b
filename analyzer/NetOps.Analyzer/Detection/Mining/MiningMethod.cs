namespace NetOps.Analyzer.Mining;

/// <summary>The JSON-RPC "method" (or browser miners' "type") names that mining protocols use; <see cref="Other"/> for any other name.</summary>
internal enum MiningMethod : byte
{
    None,
    Other,

    // Stratum v1 (Bitcoin family, Zcash/Equihash, EthereumStratum/1.0.0)
    MiningSubscribe,
    MiningAuthorize,
    MiningSubmit,
    MiningExtranonceSubscribe,
    MiningNotify,
    MiningSetDifficulty,
    MiningSetTarget,
    MiningSetExtranonce,

    // EthProxy
    EthSubmitLogin,
    EthGetWork,
    EthSubmitWork,
    EthSubmitHashrate,

    // CryptoNote / XMRig pool protocol, and CoinHive-style browser miners (their "type")
    Login,
    GetJob,
    Job,
    Submit,
    Keepalived,
    Auth,
    Authed,
    HashAccepted,

    // Bitcoin Core mining RPC over HTTP
    GetWork,
    GetBlockTemplate,
    SubmitBlock,
}

internal static class MiningMethods
{
    /// <summary>The method a JSON string token names (escapes undone by the reader).</summary>
    public static MiningMethod Of(ref System.Text.Json.Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length is < 3 or > 32)
            return MiningMethod.Other;
        foreach (var (name, method) in Names)
            if (reader.ValueTextEquals(name))
                return method;
        return MiningMethod.Other;
    }

    private static readonly (byte[] Name, MiningMethod Method)[] Names =
    [
        ("mining.subscribe"u8.ToArray(), MiningMethod.MiningSubscribe),
        ("mining.authorize"u8.ToArray(), MiningMethod.MiningAuthorize),
        ("mining.submit"u8.ToArray(), MiningMethod.MiningSubmit),
        ("mining.extranonce.subscribe"u8.ToArray(), MiningMethod.MiningExtranonceSubscribe),
        ("mining.notify"u8.ToArray(), MiningMethod.MiningNotify),
        ("mining.set_difficulty"u8.ToArray(), MiningMethod.MiningSetDifficulty),
        ("mining.set_target"u8.ToArray(), MiningMethod.MiningSetTarget),
        ("mining.set_extranonce"u8.ToArray(), MiningMethod.MiningSetExtranonce),
        ("eth_submitLogin"u8.ToArray(), MiningMethod.EthSubmitLogin),
        ("eth_getWork"u8.ToArray(), MiningMethod.EthGetWork),
        ("eth_submitWork"u8.ToArray(), MiningMethod.EthSubmitWork),
        ("eth_submitHashrate"u8.ToArray(), MiningMethod.EthSubmitHashrate),
        ("login"u8.ToArray(), MiningMethod.Login),
        ("getjob"u8.ToArray(), MiningMethod.GetJob),
        ("job"u8.ToArray(), MiningMethod.Job),
        ("submit"u8.ToArray(), MiningMethod.Submit),
        ("keepalived"u8.ToArray(), MiningMethod.Keepalived),
        ("auth"u8.ToArray(), MiningMethod.Auth),
        ("authed"u8.ToArray(), MiningMethod.Authed),
        ("hash_accepted"u8.ToArray(), MiningMethod.HashAccepted),
        ("getwork"u8.ToArray(), MiningMethod.GetWork),
        ("getblocktemplate"u8.ToArray(), MiningMethod.GetBlockTemplate),
        ("submitblock"u8.ToArray(), MiningMethod.SubmitBlock),
    ];
}
