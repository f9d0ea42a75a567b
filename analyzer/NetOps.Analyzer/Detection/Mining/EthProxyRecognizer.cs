namespace NetOps.Analyzer.Mining;

/// <summary>EthProxy (getwork-style Ethereum pools): eth_submitLogin, eth_getWork, eth_submitWork, eth_submitHashrate.</summary>
internal sealed class EthProxyRecognizer : IMiningRecognizer
{
    public const string EthProxy = "ethproxy";

    public bool IsMinerRequest(in MiningMessage request, out string protocol)
    {
        protocol = EthProxy;
        return request.Method is MiningMethod.EthSubmitLogin or MiningMethod.EthGetWork or MiningMethod.EthSubmitWork or MiningMethod.EthSubmitHashrate
               && request.Params.Shape is JsonShape.Array or JsonShape.Absent;
    }

    public bool IsPoolAnswer(in MiningMessage request, in MiningMessage answer) => request.Method switch
    {
        MiningMethod.EthGetWork => IsWorkPackage(answer),
        _ => answer.Result.IsBoolean,
    };

    /// <summary>
    /// Pools send new work as an answer-shaped message with id 0 (nothing pending has that id). It is
    /// also what eth_accounts-like node answers look like, so it only ever adds to a miner's request.
    /// </summary>
    public bool IsPoolPush(in MiningMessage push, out string protocol)
    {
        protocol = EthProxy;
        return push.Method == MiningMethod.None && IsWorkPackage(push);
    }

    // [header hash, seed hash, boundary target] (and sometimes a block number), all 0x-hex.
    private static bool IsWorkPackage(in MiningMessage answer) =>
        answer.Result.IsArray && answer.Result.Count is >= 3 and <= 4 && answer.Result.HexStrings >= 3;
}
