namespace NetOps.Analyzer.Plaintext;

/// <summary>
/// Per-flow state of a TCP detector, at most <paramref name="capacity"/> flows at once: a flow seen
/// when the table is full is not followed (counted in <see cref="NotFollowed"/>). Released at the
/// flow's end.
/// </summary>
internal sealed class FlowStates<TState>(int capacity) where TState : class
{
    private readonly Dictionary<ulong, TState> _states = [];

    public long NotFollowed { get; private set; }

    public int Count => _states.Count;

    public bool TryGet(ulong flowId, out TState state) => _states.TryGetValue(flowId, out state!);

    public bool TryAdd(ulong flowId, TState state)
    {
        if (_states.Count >= capacity)
        {
            NotFollowed++;
            return false;
        }
        _states[flowId] = state;
        return true;
    }

    public bool Remove(ulong flowId, out TState state) => _states.Remove(flowId, out state!);

    /// <summary>Every state still held (input ended), removed.</summary>
    public List<TState> TakeAll()
    {
        var all = _states.Values.ToList();
        _states.Clear();
        return all;
    }
}
