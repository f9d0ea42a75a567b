using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// The mining messages of one flow, both directions, however they were framed (lines, HTTP bodies,
/// WebSocket frames): pairs a miner's requests with the pool's answers by id and notes the pool's
/// pushes, and decides how sure it is — <see cref="DetectionConfidence.Confirmed"/> only with both
/// sides seen, <see cref="DetectionConfidence.Probable"/> with one. Keeps the first miner message
/// and the confirming server message for evidence.
/// </summary>
internal sealed class MiningConversation
{
    /// <summary>Client messages that name no mining method before the flow is judged not mining.</summary>
    public const int MaxForeignClientMessages = 6;

    private const int MaxPending = 8;
    private const int EvidenceMessageChars = 240;

    private static readonly IMiningRecognizer[] Recognizers =
    [
        new StratumRecognizer(), new EthProxyRecognizer(), new CryptoNoteRecognizer(), new BrowserMinerRecognizer(), new BlockTemplateRecognizer(),
    ];

    private readonly (MiningMessage Request, int Recognizer)[] _pending = new (MiningMessage, int)[MaxPending];
    private int _pendingCount;
    private int _requestRecognizer = -1;
    private int _pushRecognizer = -1;
    private bool _answered;
    private int _foreignClientMessages;
    private bool _rolesKnown;

    /// <summary>
    /// The flow's "client" turned out to be the pool: a flow table that ends an idle connection
    /// starts the next flow with whoever speaks first, and after a pause that is often the pool's push.
    /// </summary>
    public bool Swapped { get; private set; }

    /// <summary>The protocol named by the miner's first request (or the pool's first push).</summary>
    public string? Protocol { get; private set; }

    public long FirstSeenNanos { get; private set; }

    public string? MinerExcerpt { get; private set; }

    public string? PoolExcerpt { get; private set; }

    /// <summary>Server sent mining.set_target: the Zcash/Equihash dialect of Stratum.</summary>
    public bool EquihashTarget { get; private set; }

    public int Messages { get; private set; }

    /// <summary>Messages that were not JSON objects.</summary>
    public int Malformed { get; private set; }

    /// <summary>No mining seen and enough foreign messages to stop looking.</summary>
    public bool IsForeign => _requestRecognizer < 0 && _pushRecognizer < 0 && _foreignClientMessages >= MaxForeignClientMessages;

    /// <summary>Both sides proved: nothing more to learn from this flow's messages.</summary>
    public bool IsSettled => Confidence == DetectionConfidence.Confirmed;

    public DetectionConfidence? Confidence =>
        _requestRecognizer >= 0 && (_answered || _pushRecognizer == _requestRecognizer) ? DetectionConfidence.Confirmed
        : _requestRecognizer >= 0 || _pushRecognizer >= 0 ? DetectionConfidence.Probable
        : null;

    public void OnMessage(bool fromClient, ReadOnlySpan<byte> json, long timestampNanos)
    {
        if (IsSettled)
            return;
        if (!MiningMessageReader.TryRead(json, out var message))
        {
            Malformed++;
            if (fromClient)
                _foreignClientMessages++;
            return;
        }
        Messages++;
        if (!_rolesKnown)
            LearnRoles(fromClient, message);
        if (fromClient != Swapped)
            OnClient(message, json, timestampNanos);
        else
            OnServer(message, json, timestampNanos);
    }

    private void OnClient(in MiningMessage message, ReadOnlySpan<byte> json, long timestampNanos)
    {
        for (var i = 0; i < Recognizers.Length; i++)
        {
            if (!Recognizers[i].IsMinerRequest(message, out var protocol))
                continue;
            if (_requestRecognizer < 0)
            {
                _requestRecognizer = i;
                if (_pushRecognizer < 0 || _pushRecognizer == i)
                {
                    Protocol = protocol;
                    MinerExcerpt = Excerpt(json);
                    FirstSeenNanos = FirstSeenNanos == 0 ? timestampNanos : Math.Min(FirstSeenNanos, timestampNanos);
                }
            }
            else if (protocol == StratumRecognizer.EthereumStratum && i == _requestRecognizer)
                Protocol = protocol;
            if (message.HasId)
                Remember(message, i);
            return;
        }
        _foreignClientMessages++;
    }

    private void OnServer(in MiningMessage message, ReadOnlySpan<byte> json, long timestampNanos)
    {
        if (message.Method == MiningMethod.MiningSetTarget)
            EquihashTarget = true;
        if (message.IsAnswer && TakePending(message, out var request, out var recognizer))
        {
            if (recognizer == _requestRecognizer && Recognizers[recognizer].IsPoolAnswer(request, message))
            {
                _answered = true;
                PoolExcerpt ??= Excerpt(json);
            }
            return;
        }
        for (var i = 0; i < Recognizers.Length; i++)
        {
            if (!Recognizers[i].IsPoolPush(message, out var protocol))
                continue;
            // Answer-shaped pushes (EthProxy's id-0 work) only add to a miner's request of the same protocol.
            if (message.Method == MiningMethod.None && message.Type == MiningMethod.None && _requestRecognizer != i)
                continue;
            if (_pushRecognizer < 0 || i == _requestRecognizer)
            {
                _pushRecognizer = i;
                PoolExcerpt ??= Excerpt(json);
                if (_requestRecognizer < 0)
                {
                    Protocol ??= protocol;
                    FirstSeenNanos = FirstSeenNanos == 0 ? timestampNanos : FirstSeenNanos;
                }
            }
            return;
        }
    }

    private void LearnRoles(bool fromClient, in MiningMessage message)
    {
        foreach (var recognizer in Recognizers)
        {
            if (recognizer.IsMinerRequest(message, out _))
            {
                (_rolesKnown, Swapped) = (true, !fromClient);
                return;
            }
            if (message.IsRequestOrPush && recognizer.IsPoolPush(message, out _))
            {
                (_rolesKnown, Swapped) = (true, fromClient);
                return;
            }
        }
    }

    private void Remember(in MiningMessage request, int recognizer)
    {
        if (_pendingCount == MaxPending)
        {
            Array.Copy(_pending, 1, _pending, 0, MaxPending - 1);
            _pendingCount--;
        }
        _pending[_pendingCount++] = (request, recognizer);
    }

    private bool TakePending(in MiningMessage answer, out MiningMessage request, out int recognizer)
    {
        for (var i = _pendingCount - 1; i >= 0; i--)
        {
            if (!_pending[i].Request.SameId(answer))
                continue;
            (request, recognizer) = _pending[i];
            Array.Copy(_pending, i + 1, _pending, i, _pendingCount - i - 1);
            _pendingCount--;
            return true;
        }
        request = default;
        recognizer = -1;
        return false;
    }

    private static string Excerpt(ReadOnlySpan<byte> json)
    {
        var text = EvidenceRedaction.Redact(json);
        return text.Length <= EvidenceMessageChars ? text : string.Concat(text.AsSpan(0, EvidenceMessageChars - 1), "…");
    }
}
