namespace NetOps.Analyzer.Mining;

/// <summary>
/// CoinHive-style browser miners (CoinHive, CryptoLoot, CoinImp and their clones) over WebSocket:
/// messages named by "type" — the page sends auth (site key) and submit, the service answers
/// authed, job and hash_accepted.
/// </summary>
internal sealed class BrowserMinerRecognizer : IMiningRecognizer
{
    public const string BrowserMiner = "websocket_miner";

    public bool IsMinerRequest(in MiningMessage request, out string protocol)
    {
        protocol = BrowserMiner;
        var parameters = request.Params;
        return parameters.IsObject && request.Type switch
        {
            MiningMethod.Auth => parameters.Has(MiningKeys.SiteKey),
            MiningMethod.Submit => parameters.Has(MiningKeys.JobId | MiningKeys.Nonce),
            _ => false,
        };
    }

    // The service answers by message type, not by id: see IsPoolPush.
    public bool IsPoolAnswer(in MiningMessage request, in MiningMessage answer) => false;

    public bool IsPoolPush(in MiningMessage push, out string protocol)
    {
        protocol = BrowserMiner;
        var parameters = push.Params;
        return parameters.IsObject && push.Type switch
        {
            MiningMethod.Job => parameters.Has(MiningKeys.Blob | MiningKeys.JobId),
            MiningMethod.Authed => parameters.Has(MiningKeys.Token) || parameters.Has(MiningKeys.Hashes),
            MiningMethod.HashAccepted => parameters.Has(MiningKeys.Hashes),
            _ => false,
        };
    }
}
