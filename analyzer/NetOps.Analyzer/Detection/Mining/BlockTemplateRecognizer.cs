namespace NetOps.Analyzer.Mining;

/// <summary>Mining through a node's RPC over HTTP POST: getblocktemplate (BIP 22) and the older getwork.</summary>
internal sealed class BlockTemplateRecognizer : IMiningRecognizer
{
    public const string GetBlockTemplate = "getblocktemplate";
    public const string GetWork = "getwork";

    public bool IsMinerRequest(in MiningMessage request, out string protocol)
    {
        protocol = request.Method == MiningMethod.GetWork ? GetWork : GetBlockTemplate;
        return request.Method is MiningMethod.GetBlockTemplate or MiningMethod.GetWork or MiningMethod.SubmitBlock;
    }

    public bool IsPoolAnswer(in MiningMessage request, in MiningMessage answer)
    {
        var result = answer.Result;
        return request.Method switch
        {
            MiningMethod.GetBlockTemplate => result.IsObject && result.Has(MiningKeys.PreviousBlockHash) && (result.Has(MiningKeys.CoinbaseValue) || result.Has(MiningKeys.Transactions)),
            // getwork without parameters asks for work ({data, target, midstate?}); with one, it submits (true/false).
            MiningMethod.GetWork => (result.IsObject && result.Has(MiningKeys.Data | MiningKeys.Target)) || (request.Params.Count == 1 && result.IsBoolean),
            // submitblock answers null when the block was accepted, else a reason string.
            MiningMethod.SubmitBlock => result.Shape is JsonShape.Null or JsonShape.String && !answer.HasError,
            _ => false,
        };
    }

    public bool IsPoolPush(in MiningMessage push, out string protocol)
    {
        protocol = GetBlockTemplate;
        return false;
    }
}
