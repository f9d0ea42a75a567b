namespace NetOps.Analyzer.Mining;

/// <summary>
/// One mining protocol's rules over parsed messages: which client messages are a miner's requests,
/// which server answers to them have the pool's shape, and which unsolicited server messages only a
/// pool sends (work notifications). A flow is confirmed mining when a miner's request got the pool's
/// matching answer, or a miner's request and a pool's push were both seen.
/// </summary>
internal interface IMiningRecognizer
{
    /// <summary>True when <paramref name="request"/> (from the client) is a miner's request; <paramref name="protocol"/> names the protocol.</summary>
    bool IsMinerRequest(in MiningMessage request, out string protocol);

    /// <summary>True when <paramref name="answer"/> (from the server, same id) is the pool's answer to <paramref name="request"/>.</summary>
    bool IsPoolAnswer(in MiningMessage request, in MiningMessage answer);

    /// <summary>True when <paramref name="push"/> (from the server, answering nothing pending) is work or settings only a pool sends.</summary>
    bool IsPoolPush(in MiningMessage push, out string protocol);
}
