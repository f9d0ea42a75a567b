namespace NetOps.Analyzer.Mining;

/// <summary>The CryptoNote pool protocol of XMRig, xmr-stak and their pools: login (with agent), getjob, submit, keepalived, job.</summary>
internal sealed class CryptoNoteRecognizer : IMiningRecognizer
{
    public const string CryptoNote = "cryptonote";

    public bool IsMinerRequest(in MiningMessage request, out string protocol)
    {
        protocol = CryptoNote;
        var parameters = request.Params;
        return parameters.IsObject && request.Method switch
        {
            MiningMethod.Login => parameters.Has(MiningKeys.Login),
            MiningMethod.Submit => parameters.Has(MiningKeys.JobId | MiningKeys.Nonce),
            MiningMethod.GetJob or MiningMethod.Keepalived => parameters.Has(MiningKeys.Id),
            _ => false,
        };
    }

    public bool IsPoolAnswer(in MiningMessage request, in MiningMessage answer)
    {
        var result = answer.Result;
        return result.IsObject && request.Method switch
        {
            // {"id": session, "job": {"blob", "job_id", "target"}, "status": "OK"}
            MiningMethod.Login => result.Has(MiningKeys.Id | MiningKeys.Blob | MiningKeys.JobId),
            MiningMethod.GetJob => result.Has(MiningKeys.Blob | MiningKeys.JobId),
            MiningMethod.Submit or MiningMethod.Keepalived => answer.ResultStatusOk,
            _ => false,
        };
    }

    public bool IsPoolPush(in MiningMessage push, out string protocol)
    {
        protocol = CryptoNote;
        return push.Method == MiningMethod.Job && push.Params.IsObject && push.Params.Has(MiningKeys.Blob | MiningKeys.JobId);
    }
}
