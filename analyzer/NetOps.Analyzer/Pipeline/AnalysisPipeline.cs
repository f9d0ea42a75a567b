using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Flows;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Traffic;
using NetOps.Capture;

namespace NetOps.Analyzer.Pipeline;

/// <summary>
/// The analysis of one capture stream, the same for files and live: each frame is decoded, placed in
/// its flow, handed to the payload inspectors (TCP/UDP packets with payload) and counted by the
/// traffic aggregator. Every <see cref="AnalysisOptions.Interval"/> of capture time an interval closes
/// and <see cref="IntervalClosed"/> fires with its <see cref="TrafficInterval"/>; <see cref="Complete"/>
/// ends every flow and returns the run's totals.
/// <para>
/// Time is capture time: an interval closes when a frame (or <see cref="AdvanceTime"/>) reaches its
/// end. A gap in a file skips the empty intervals; on a quiet live link <see cref="AdvanceTime"/>
/// closes them one by one. Frames from before the current interval (a file whose clock is behind)
/// count in the current one. Single-threaded, like the capture thread that feeds it.
/// </para>
/// </summary>
public sealed class AnalysisPipeline
{
    private readonly AnalysisOptions _options;
    private readonly Func<long>? _captureDrops;
    private readonly FlowTable _flows;
    private readonly TrafficAggregator _aggregator;
    private readonly long _intervalNanos;
    private readonly List<SourceTotals> _sources = [];
    private IPayloadInspector[] _inspectors = [];
    private ulong _endOfEveryFlow;
    private DecodedPacket _packet;
    private SourceCounter? _source;
    private long _intervalStart = long.MinValue;
    private long _runStart = long.MinValue;
    private readonly long _initialDrops;
    private FlowCounts _flowsAtIntervalStart = new();
    private long _dropsAtIntervalStart;
    private int _intervals;
    private int _peakFlows;
    private AnalysisResult? _result;

    public AnalysisPipeline(AnalysisOptions options, Func<long>? captureDrops = null)
    {
        options.Validate();
        _options = options;
        _captureDrops = captureDrops;
        _intervalNanos = options.Interval.Ticks * 100;
        _flows = new FlowTable(options.Flows, new FlowEnds(this));
        _aggregator = new TrafficAggregator(options.Applications, options.Flows.MaxFlows, options.MaxHosts, options.MaxApplicationRows);
        _initialDrops = _dropsAtIntervalStart = captureDrops?.Invoke() ?? 0;
    }

    /// <summary>Fires on the processing thread each time an interval closes (the last one from <see cref="Complete"/>).</summary>
    public event Action<TrafficInterval>? IntervalClosed;

    /// <summary>Where the aggregator learns flows' server names (bytes per application by server name); optional.</summary>
    public IServerNames? ServerNames
    {
        get => _aggregator.ServerNames;
        set => _aggregator.ServerNames = value;
    }

    /// <summary>The flow table (read its counters; do not track packets into it).</summary>
    public FlowTable Flows => _flows;

    /// <summary>Most inspectors one pipeline holds: their per-flow interest is one bit each of a 64-bit word.</summary>
    public const int MaxInspectors = 64;

    /// <summary>Plugs a detector in; call before the first frame.</summary>
    public void AddInspector(IPayloadInspector inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        if (_inspectors.Length == MaxInspectors)
            throw new InvalidOperationException($"a pipeline holds at most {MaxInspectors} inspectors");
        if (_runStart != long.MinValue)
            throw new InvalidOperationException("inspectors are plugged in before the first frame");
        if (inspector.EndOfEveryFlow)
            _endOfEveryFlow |= 1UL << _inspectors.Length;
        _inspectors = [.. _inspectors, inspector];
    }

    /// <summary>Starts counting per-source totals under <paramref name="name"/> (e.g. a file's path); the previous source's totals are kept.</summary>
    public void BeginSource(string name)
    {
        ThrowIfComplete();
        EndSource();
        _source = new SourceCounter(name);
    }

    /// <summary>Every frame of <paramref name="reader"/>, in order (the run goes on: call <see cref="Complete"/> at the end).</summary>
    public void Run(IFrameReader reader)
    {
        while (reader.TryReadNext(out var header, out var frame))
            Process(header, frame);
    }

    public void Process(in FrameHeader header, ReadOnlySpan<byte> frame)
    {
        ThrowIfComplete();
        var now = header.TimestampNanos;
        if (now >= _intervalStart + _intervalNanos || _intervalStart == long.MinValue)
            CloseIntervalAndStartAt(now);

        PacketDecoder.Decode(header, frame, ref _packet);
        _aggregator.CountPacket(_packet, frame);
        _source?.Count(_packet, now);

        var index = _flows.Track(_packet, now, out var fromClient, out var started);
        if (index < 0)
            return;
        ref var flow = ref _flows[index];
        if (started)
        {
            _aggregator.OnFlowStart(index, flow);
            if (_flows.Count > _peakFlows)
                _peakFlows = _flows.Count;
        }
        if (_inspectors.Length > 0 && _packet.Transport.HasPorts && _packet.PayloadLength > 0)
            Inspect(ref flow, fromClient, now, frame.Slice(_packet.PayloadOffset, _packet.PayloadLength));
    }

    /// <summary>Lets capture time move on without a frame (a quiet live link): closes the intervals that ended and expires idle flows.</summary>
    public void AdvanceTime(long nowNanos)
    {
        ThrowIfComplete();
        if (_intervalStart == long.MinValue)
            return;
        if (nowNanos >= _intervalStart + _intervalNanos)
            CloseIntervalAndStartAt(nowNanos);
        _flows.Expire(nowNanos);
    }

    /// <summary>Ends every flow (end of input), closes the last interval, tells the inspectors, and returns the run's totals. Later calls return the same result.</summary>
    public AnalysisResult Complete()
    {
        if (_result is not null)
            return _result;
        _flows.EndAll();
        if (_intervalStart != long.MinValue)
            CloseInterval();
        foreach (var inspector in _inspectors)
            inspector.OnEnd();
        EndSource();
        var started = _runStart != long.MinValue;
        _result = new AnalysisResult
        {
            Total = _aggregator.Run.Snapshot(started ? _runStart : 0, started ? _intervalStart + _intervalNanos : 0, FlowTableCounts.Of(_flows),
                (_captureDrops?.Invoke() ?? 0) - _initialDrops, _options.TopHosts, _aggregator.ApplicationNames),
            Sources = _sources,
            Intervals = _intervals,
            PeakFlows = _peakFlows,
            FlowCapacity = _flows.Capacity,
        };
        return _result;
    }

    private void Inspect(ref FlowRecord flow, bool fromClient, long now, ReadOnlySpan<byte> payload)
    {
        var context = new PayloadContext
        {
            TimestampNanos = now,
            FlowId = flow.Id,
            Protocol = flow.Key.Protocol,
            IpVersion = flow.Key.IpVersion,
            Client = flow.Client,
            ClientPort = flow.ClientPort,
            Server = flow.Server,
            ServerPort = flow.ServerPort,
            FromClient = fromClient,
            HasMacAddresses = _packet.HasMacAddresses,
            SourceMac = _packet.SourceMac,
            DestinationMac = _packet.DestinationMac,
            TcpFlags = _packet.Transport.TcpFlags,
            TcpSequence = _packet.Transport.SequenceNumber,
            PayloadPacketInDirection = fromClient ? flow.PayloadPacketsFromClient : flow.PayloadPacketsFromServer,
            PayloadPacketsOtherDirection = fromClient ? flow.PayloadPacketsFromServer : flow.PayloadPacketsFromClient,
        };
        var inspectors = _inspectors;
        var withoutPackets = flow.InspectorsWithoutPackets;
        var withoutEnd = flow.InspectorsWithoutEnd;
        for (var i = 0; i < inspectors.Length; i++)
        {
            var bit = 1UL << i;
            if ((withoutPackets & bit) != 0)
                continue;
            switch (inspectors[i].Inspect(context, payload))
            {
                case FlowInterest.End:
                    withoutPackets |= bit;
                    break;
                case FlowInterest.None:
                    withoutPackets |= bit;
                    withoutEnd |= bit;
                    break;
            }
        }
        flow.InspectorsWithoutPackets = withoutPackets;
        flow.InspectorsWithoutEnd = withoutEnd;
        flow.Inspected = true;
    }

    private void CloseIntervalAndStartAt(long now)
    {
        if (_intervalStart != long.MinValue)
        {
            // Flows idle before the boundary ended inside the closing interval.
            _flows.Expire(_intervalStart + _intervalNanos);
            CloseInterval();
        }
        var start = now - (((now % _intervalNanos) + _intervalNanos) % _intervalNanos);
        if (_intervalStart != long.MinValue && start < _intervalStart + _intervalNanos)
            start = _intervalStart + _intervalNanos;
        _intervalStart = start;
        if (_runStart == long.MinValue)
            _runStart = start;
    }

    private void CloseInterval()
    {
        _aggregator.ReportOpenFlows(_flows);
        var flowsNow = FlowTableCounts.Of(_flows);
        var dropsNow = _captureDrops?.Invoke() ?? 0;
        var interval = _aggregator.Interval.Snapshot(_intervalStart, _intervalStart + _intervalNanos, flowsNow.Since(_flowsAtIntervalStart),
            dropsNow - _dropsAtIntervalStart, _options.TopHosts, _aggregator.ApplicationNames);
        _flowsAtIntervalStart = flowsNow;
        _dropsAtIntervalStart = dropsNow;
        _aggregator.Interval.Clear();
        _intervals++;
        IntervalClosed?.Invoke(interval);
    }

    private void EndSource()
    {
        if (_source is not null)
            _sources.Add(_source.Totals());
        _source = null;
    }

    private void ThrowIfComplete()
    {
        if (_result is not null)
            throw new InvalidOperationException("the analysis is complete");
    }

    private void OnFlowEnd(int index, ref FlowRecord flow, FlowEndReason reason)
    {
        _aggregator.Report(index, flow, ended: true);
        if (_inspectors.Length == 0 || flow.Key.Protocol is not (IpProtocols.Tcp or IpProtocols.Udp))
            return;
        // Inspectors never handed the flow's packets hold nothing for it; those that answered None neither.
        var wanted = flow.Inspected ? ~flow.InspectorsWithoutEnd | _endOfEveryFlow : _endOfEveryFlow;
        if (wanted == 0)
            return;
        var summary = flow.ToSummary(reason);
        var inspectors = _inspectors;
        for (var i = 0; i < inspectors.Length; i++)
        {
            if ((wanted & (1UL << i)) != 0)
                inspectors[i].OnFlowEnd(summary);
        }
    }

    private sealed class FlowEnds(AnalysisPipeline pipeline) : IFlowEndObserver
    {
        public void OnFlowEnd(int index, ref FlowRecord flow, FlowEndReason reason) => pipeline.OnFlowEnd(index, ref flow, reason);
    }
}
