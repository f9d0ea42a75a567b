namespace NetOps.Analyzer.Mining;

/// <summary>
/// Running figures of one flow's payload packets, kept in a few counters (no per-packet memory):
/// sizes per direction, and the client's "exchanges" — payload packets after at least
/// <see cref="ExchangeGapNanos"/> of client silence — with the mean and spread of the gaps between them
/// (Welford). A miner submits shares every few seconds to minutes; a bulk or interactive flow has
/// few such gaps, a push channel has them minutes apart.
/// </summary>
internal struct FlowBehaviour
{
    public const long ExchangeGapNanos = 1_000_000_000;

    public long ClientPackets;
    public long ServerPackets;
    public long ClientBytes;
    public long ServerBytes;
    public int MaxPayload;

    /// <summary>Bytes the client sent before the server's first payload byte, and the server's first flight after it.</summary>
    public int ClientFirstFlight;
    public int ServerFirstFlight;
    public bool ServerSpoke;
    public bool ClientSpokeAfterServer;

    public long Exchanges;
    private long _lastClientNanos;
    private long _lastExchangeNanos;
    private double _gapMean;
    private double _gapM2;
    private long _gaps;

    public readonly double MeanGapSeconds => _gaps == 0 ? 0 : _gapMean / 1e9;

    /// <summary>Coefficient of variation of the gaps between exchanges (0 = clockwork).</summary>
    public readonly double GapVariation => _gaps < 2 || _gapMean <= 0 ? double.PositiveInfinity : Math.Sqrt(_gapM2 / (_gaps - 1)) / _gapMean;

    public readonly double MeanClientPayload => ClientPackets == 0 ? 0 : (double)ClientBytes / ClientPackets;

    public readonly double MeanServerPayload => ServerPackets == 0 ? 0 : (double)ServerBytes / ServerPackets;

    public void Add(bool fromClient, int payloadLength, long timestampNanos)
    {
        MaxPayload = Math.Max(MaxPayload, payloadLength);
        if (!fromClient)
        {
            ServerPackets++;
            ServerBytes += payloadLength;
            if (!ClientSpokeAfterServer)
                ServerFirstFlight += payloadLength;
            ServerSpoke = true;
            return;
        }
        ClientPackets++;
        ClientBytes += payloadLength;
        if (!ServerSpoke)
            ClientFirstFlight += payloadLength;
        else
            ClientSpokeAfterServer = true;
        if (_lastClientNanos == 0 || timestampNanos - _lastClientNanos >= ExchangeGapNanos)
        {
            if (_lastExchangeNanos != 0)
            {
                var gap = (double)(timestampNanos - _lastExchangeNanos);
                _gaps++;
                var delta = gap - _gapMean;
                _gapMean += delta / _gaps;
                _gapM2 += delta * (gap - _gapMean);
            }
            Exchanges++;
            _lastExchangeNanos = timestampNanos;
        }
        _lastClientNanos = timestampNanos;
    }
}
