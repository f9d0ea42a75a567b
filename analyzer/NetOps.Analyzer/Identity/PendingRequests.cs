namespace NetOps.Analyzer.Identity;

/// <summary>
/// What a request said that its answer may not repeat (the host name of a DHCP REQUEST, the user and
/// MAC of a RADIUS Access-Request), kept until the answer comes: at most <paramref name="capacity"/>
/// entries, the oldest dropped first.
/// </summary>
internal sealed class PendingRequests<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _values = [];
    private readonly Queue<TKey> _order = new();

    public long Dropped { get; private set; }

    public void Set(TKey key, TValue value)
    {
        if (!_values.ContainsKey(key))
        {
            if (_values.Count >= capacity)
            {
                // Keys answered (removed) earlier may still be queued: skip them.
                while (_order.TryDequeue(out var oldest) && !_values.Remove(oldest))
                {
                }
                Dropped++;
            }
            _order.Enqueue(key);
            if (_order.Count > 2 * capacity)
                Compact();
        }
        _values[key] = value;
    }

    /// <summary>Drops the queued keys that were answered already, keeping the queue within twice the capacity.</summary>
    private void Compact()
    {
        var live = _order.Where(_values.ContainsKey).Distinct().ToList();
        _order.Clear();
        foreach (var key in live)
            _order.Enqueue(key);
    }

    public bool TryTake(TKey key, out TValue value) => _values.Remove(key, out value!);

    public bool TryGet(TKey key, out TValue value) => _values.TryGetValue(key, out value!);
}
