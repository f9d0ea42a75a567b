using System.Numerics;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Flows;

/// <summary>
/// A bidirectional flow table with a hard memory bound: a pool of <see cref="FlowTableOptions.MaxFlows"/>
/// records and an open-addressing index (linear probing, at most half full, backward-shift deletion)
/// allocated up front, so tracking a packet allocates nothing. Open flows are kept in a list by last
/// packet (moved to the end on every packet), closed TCP flows in a second one, so idle and linger
/// timeouts look only at the lists' heads. A new flow meeting a full table pushes out a lingering
/// closed flow first, else the least recently seen open flow; every end goes through the
/// <see cref="IFlowEndObserver"/> and is counted by reason, every eviction by cause.
/// Single-threaded: one capture thread feeds it.
/// </summary>
public sealed class FlowTable
{
    private const int None = -1;

    private readonly FlowRecord[] _flows;
    private readonly int[] _index;
    private readonly int _mask;
    private readonly int[] _free;
    private int _freeCount;
    private LinkedFlows _open = new();
    private LinkedFlows _closing = new();
    private readonly long _idleNanos;
    private readonly long _activeNanos;
    private readonly long _lingerNanos;
    private readonly IFlowEndObserver? _observer;
    private readonly long[] _ended = new long[Enum.GetValues<FlowEndReason>().Length];
    private readonly long[] _evicted = new long[Enum.GetValues<FlowEvictionCause>().Length];
    private ulong _nextId = 1;

    public FlowTable(FlowTableOptions options, IFlowEndObserver? observer = null)
    {
        options.Validate();
        _observer = observer;
        _flows = new FlowRecord[options.MaxFlows];
        _index = new int[(int)BitOperations.RoundUpToPowerOf2((uint)options.MaxFlows * 2)];
        _mask = _index.Length - 1;
        _free = new int[options.MaxFlows];
        for (var i = 0; i < _free.Length; i++)
            _free[i] = _free.Length - 1 - i;
        _freeCount = _free.Length;
        _idleNanos = options.IdleTimeout.Ticks * 100;
        _activeNanos = options.ActiveTimeout.Ticks * 100;
        _lingerNanos = options.ClosedLinger.Ticks * 100;
    }

    /// <summary>The bound: flows held at most.</summary>
    public int Capacity => _flows.Length;

    /// <summary>Flows open now (closed TCP flows still lingering included).</summary>
    public int Count => _flows.Length - _freeCount;

    /// <summary>Flows started since the table was made.</summary>
    public long Started => (long)(_nextId - 1);

    public long Ended(FlowEndReason reason) => _ended[(int)reason];

    public long Evicted(FlowEvictionCause cause) => _evicted[(int)cause];

    /// <summary>Evictions of every cause.</summary>
    public long EvictedTotal
    {
        get
        {
            long total = 0;
            foreach (var count in _evicted)
                total += count;
            return total;
        }
    }

    /// <summary>The flow at <paramref name="index"/> (an index handed out by <see cref="Track"/> or <see cref="GetEnumerator"/>, valid while the flow is open).</summary>
    public ref FlowRecord this[int index] => ref _flows[index];

    /// <summary>
    /// Ends the flows idle (or lingering) past their timeout at <paramref name="nowNanos"/>, then places
    /// the packet in its flow, creating it if needed, and counts it. Returns the flow's index, or -1 for
    /// a non-IP packet (which has no flow).
    /// </summary>
    public int Track(in DecodedPacket packet, long nowNanos, out bool fromClient, out bool started)
    {
        Expire(nowNanos);
        if (!FlowKey.TryOf(packet, out var key, out var fromA))
        {
            fromClient = false;
            started = false;
            return None;
        }
        var flags = packet.Transport.Protocol == IpProtocols.Tcp ? packet.Transport.TcpFlags : TcpFlags.None;
        var synOnly = (flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;
        var hash = key.Hash();
        var index = Find(key, hash);
        started = true;
        if (index == None)
        {
            index = Create(key, hash, nowNanos, SenderIsClient(packet, flags) == fromA);
        }
        else if (nowNanos - _flows[index].FirstSeenNanos >= _activeNanos)
        {
            var clientIsA = _flows[index].ClientIsA;
            End(index, FlowEndReason.ActiveTimeout);
            index = Create(key, hash, nowNanos, clientIsA);
        }
        else if (_flows[index].IsClosing && synOnly)
        {
            End(index, FlowEndReason.Closed);
            index = Create(key, hash, nowNanos, fromA);
        }
        else
        {
            started = false;
        }

        ref var flow = ref _flows[index];
        fromClient = fromA == flow.ClientIsA;
        CountPacket(ref flow, packet, nowNanos, fromClient);
        if (flags != TcpFlags.None)
            FollowTcp(index, ref flow, flags, fromClient);
        Touch(index, ref flow);
        return index;
    }

    /// <summary>Ends every flow whose idle timeout (or, closed, its linger) has passed at <paramref name="nowNanos"/>.</summary>
    public void Expire(long nowNanos)
    {
        while (_open.Head != None && nowNanos - _flows[_open.Head].LastSeenNanos > _idleNanos)
            End(_open.Head, FlowEndReason.IdleTimeout);
        while (_closing.Head != None && nowNanos - _flows[_closing.Head].LastSeenNanos > _lingerNanos)
            End(_closing.Head, FlowEndReason.Closed);
    }

    /// <summary>Ends every flow: open ones with <paramref name="reason"/>, lingering closed ones as <see cref="FlowEndReason.Closed"/>.</summary>
    public void EndAll(FlowEndReason reason = FlowEndReason.EndOfInput)
    {
        while (_open.Head != None)
            End(_open.Head, reason);
        while (_closing.Head != None)
            End(_closing.Head, FlowEndReason.Closed);
    }

    /// <summary>The open flows' indices, least recently seen first (do not track packets while enumerating).</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>SYN without ACK: the sender starts the connection; SYN+ACK or an echo reply: the receiver did; else the first packet's sender.</summary>
    private static bool SenderIsClient(in DecodedPacket packet, TcpFlags flags)
    {
        if ((flags & TcpFlags.Syn) != 0)
            return (flags & TcpFlags.Ack) == 0;
        return !FlowKey.IsEchoReply(packet.Transport);
    }

    private static void CountPacket(ref FlowRecord flow, in DecodedPacket packet, long nowNanos, bool fromClient)
    {
        if (nowNanos > flow.LastSeenNanos)
            flow.LastSeenNanos = nowNanos;
        var payload = packet.Transport.HasPorts && packet.PayloadLength > 0;
        if (fromClient)
            CountDirection(ref flow.PacketsFromClient, ref flow.BytesFromClient, ref flow.PayloadPacketsFromClient, ref flow.HasClientMac, ref flow.ClientMac, packet, payload);
        else
            CountDirection(ref flow.PacketsFromServer, ref flow.BytesFromServer, ref flow.PayloadPacketsFromServer, ref flow.HasServerMac, ref flow.ServerMac, packet, payload);
    }

    private static void CountDirection(ref long packets, ref long bytes, ref int payloadPackets, ref bool hasMac, ref MacAddress mac, in DecodedPacket packet, bool payload)
    {
        packets++;
        bytes += packet.WireLength;
        if (payload)
            payloadPackets++;
        if (!hasMac && packet.HasMacAddresses)
        {
            mac = packet.SourceMac;
            hasMac = true;
        }
    }

    private void FollowTcp(int index, ref FlowRecord flow, TcpFlags flags, bool fromClient)
    {
        if ((flags & TcpFlags.Fin) != 0)
        {
            if (fromClient)
                flow.FinFromClient = true;
            else
                flow.FinFromServer = true;
        }
        if (!flow.IsClosing && ((flags & TcpFlags.Rst) != 0 || (flow.FinFromClient && flow.FinFromServer)))
        {
            _open.Unlink(_flows, index);
            flow.IsClosing = true;
            _closing.Append(_flows, index);
        }
    }

    private void Touch(int index, ref FlowRecord flow)
    {
        ref var list = ref flow.IsClosing ? ref _closing : ref _open;
        if (list.Tail == index)
            return;
        list.Unlink(_flows, index);
        list.Append(_flows, index);
    }

    private int Create(in FlowKey key, uint hash, long nowNanos, bool clientIsA)
    {
        if (_freeCount == 0)
            Evict();
        var index = _free[--_freeCount];
        _flows[index] = new FlowRecord
        {
            Key = key,
            Id = _nextId++,
            ClientIsA = clientIsA,
            FirstSeenNanos = nowNanos,
            LastSeenNanos = nowNanos,
            Hash = hash,
            Previous = None,
            Next = None,
        };
        var slot = (int)hash & _mask;
        while (_index[slot] != 0)
            slot = (slot + 1) & _mask;
        _index[slot] = index + 1;
        _open.Append(_flows, index);
        return index;
    }

    private void Evict()
    {
        if (_closing.Head != None)
        {
            _evicted[(int)FlowEvictionCause.ClosedLingerCut]++;
            End(_closing.Head, FlowEndReason.Closed);
            return;
        }
        var oldest = _open.Head;
        ref var flow = ref _flows[oldest];
        var cause = flow.PacketsFromClient > 0 && flow.PacketsFromServer > 0 ? FlowEvictionCause.TwoWay : FlowEvictionCause.OneWay;
        _evicted[(int)cause]++;
        End(oldest, FlowEndReason.Evicted);
    }

    private void End(int index, FlowEndReason reason)
    {
        ref var flow = ref _flows[index];
        _observer?.OnFlowEnd(index, ref flow, reason);
        RemoveFromIndex(index, flow.Hash);
        if (flow.IsClosing)
            _closing.Unlink(_flows, index);
        else
            _open.Unlink(_flows, index);
        _ended[(int)reason]++;
        flow = default;
        _free[_freeCount++] = index;
    }

    private int Find(in FlowKey key, uint hash)
    {
        var slot = (int)hash & _mask;
        while (true)
        {
            var entry = _index[slot];
            if (entry == 0)
                return None;
            ref var flow = ref _flows[entry - 1];
            if (flow.Hash == hash && flow.Key.Equals(key))
                return entry - 1;
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Backward-shift deletion: later entries of the probe run move up so no tombstones are needed.</summary>
    private void RemoveFromIndex(int index, uint hash)
    {
        var hole = (int)hash & _mask;
        while (_index[hole] != index + 1)
            hole = (hole + 1) & _mask;
        var next = hole;
        while (true)
        {
            next = (next + 1) & _mask;
            var entry = _index[next];
            if (entry == 0)
                break;
            var home = (int)_flows[entry - 1].Hash & _mask;
            if (((next - home) & _mask) >= ((next - hole) & _mask))
            {
                _index[hole] = entry;
                hole = next;
            }
        }
        _index[hole] = 0;
    }

    /// <summary>Enumerates the open flows' indices: the open list, then the lingering closed flows.</summary>
    public struct Enumerator
    {
        private readonly FlowTable _table;
        private int _current;
        private bool _inClosing;

        internal Enumerator(FlowTable table)
        {
            _table = table;
            _current = None;
            _inClosing = false;
        }

        public readonly int Current => _current;

        public bool MoveNext()
        {
            if (_current == None && !_inClosing)
                _current = _table._open.Head;
            else if (_current != None)
                _current = _table._flows[_current].Next;
            if (_current == None && !_inClosing)
            {
                _inClosing = true;
                _current = _table._closing.Head;
            }
            return _current != None;
        }
    }

    /// <summary>An intrusive doubly linked list over the pool (links in <see cref="FlowRecord"/>).</summary>
    private struct LinkedFlows
    {
        public int Head = None;
        public int Tail = None;

        public LinkedFlows()
        {
        }

        public void Append(FlowRecord[] flows, int index)
        {
            flows[index].Previous = Tail;
            flows[index].Next = None;
            if (Tail == None)
                Head = index;
            else
                flows[Tail].Next = index;
            Tail = index;
        }

        public void Unlink(FlowRecord[] flows, int index)
        {
            ref var flow = ref flows[index];
            if (flow.Previous == None)
                Head = flow.Next;
            else
                flows[flow.Previous].Next = flow.Next;
            if (flow.Next == None)
                Tail = flow.Previous;
            else
                flows[flow.Next].Previous = flow.Previous;
            flow.Previous = None;
            flow.Next = None;
        }
    }
}
