namespace NetOps.Analyzer.Mining;

/// <summary>
/// Stratum v1 (Bitcoin family; Zcash/Equihash with mining.set_target) and EthereumStratum/1.0.0
/// (a mining.subscribe naming "EthereumStratum/…").
/// </summary>
internal sealed class StratumRecognizer : IMiningRecognizer
{
    public const string Stratum = "stratum";
    public const string EthereumStratum = "ethereumstratum";

    public bool IsMinerRequest(in MiningMessage request, out string protocol)
    {
        protocol = request.Params.MentionsEthereumStratum ? EthereumStratum : Stratum;
        return request.Method is MiningMethod.MiningSubscribe or MiningMethod.MiningAuthorize or MiningMethod.MiningSubmit
                   or MiningMethod.MiningExtranonceSubscribe
               && request.Params.IsArray;
    }

    public bool IsPoolAnswer(in MiningMessage request, in MiningMessage answer) => request.Method switch
    {
        // [[subscriptions…], extranonce1, extranonce2_size] (Bitcoin), [session, extranonce1] (Zcash),
        // [["mining.notify", id, "EthereumStratum/1.0.0"], extranonce] (EthereumStratum).
        MiningMethod.MiningSubscribe => answer.Result.IsArray && answer.Result.Count >= 2 && !answer.HasError,
        MiningMethod.MiningAuthorize or MiningMethod.MiningExtranonceSubscribe => answer.Result.IsBoolean,
        // A rejected share comes back as result null with an error: still the pool's answer.
        MiningMethod.MiningSubmit => answer.Result.IsBoolean || (answer.HasError && answer.Result.Shape is JsonShape.Null or JsonShape.Absent),
        _ => false,
    };

    public bool IsPoolPush(in MiningMessage push, out string protocol)
    {
        protocol = Stratum;
        var parameters = push.Params;
        return parameters.IsArray && push.Method switch
        {
            // Bitcoin: 9 members, Zcash: 8, EthereumStratum: 4 (job, seed hash, header hash, clean).
            MiningMethod.MiningNotify => parameters.Count >= 4,
            MiningMethod.MiningSetDifficulty => parameters.Count >= 1 && parameters.Numbers >= 1,
            MiningMethod.MiningSetTarget => parameters.Count >= 1 && parameters.Strings >= 1,
            MiningMethod.MiningSetExtranonce => parameters.Count >= 1,
            _ => false,
        };
    }
}
