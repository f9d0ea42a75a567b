namespace NetOps.Analyzer.Identity;

/// <summary>
/// Bindings per key (an address, a MAC), at most <see cref="MaxKeys"/> keys and
/// <see cref="MaxBindingsPerKey"/> bindings each: the key touched least recently is dropped first,
/// and a key's oldest binding when it has too many. Drops are counted, never silent.
/// </summary>
internal sealed class BoundedHistory<TKey>(int maxKeys, int maxBindingsPerKey) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, List<IdentityBinding> Bindings)>> _index = [];
    private readonly LinkedList<(TKey Key, List<IdentityBinding> Bindings)> _recency = new();

    public int MaxKeys { get; } = maxKeys;

    public int MaxBindingsPerKey { get; } = maxBindingsPerKey;

    public int Count => _index.Count;

    /// <summary>Keys dropped for <see cref="MaxKeys"/>.</summary>
    public long EvictedKeys { get; private set; }

    /// <summary>Bindings dropped for <see cref="MaxBindingsPerKey"/>.</summary>
    public long EvictedBindings { get; private set; }

    /// <summary>Every key's bindings (for the rare sweep over everything, e.g. a NAS reboot).</summary>
    public IEnumerable<List<IdentityBinding>> All => _recency.Select(entry => entry.Bindings);

    public IReadOnlyList<IdentityBinding> Get(TKey key) => _index.TryGetValue(key, out var node) ? node.Value.Bindings : [];

    /// <summary>The key's bindings, created when new; marks the key as used.</summary>
    public List<IdentityBinding> Touch(TKey key)
    {
        if (_index.TryGetValue(key, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Bindings;
        }
        if (_index.Count >= MaxKeys)
        {
            _index.Remove(_recency.Last!.Value.Key);
            _recency.RemoveLast();
            EvictedKeys++;
        }
        node = _recency.AddFirst((key, new List<IdentityBinding>(2)));
        _index[key] = node;
        return node.Value.Bindings;
    }

    /// <summary>Adds to a key's bindings, keeping them in start order and within the bound.</summary>
    public void Add(List<IdentityBinding> bindings, IdentityBinding binding)
    {
        var at = bindings.Count;
        while (at > 0 && bindings[at - 1].StartNanos > binding.StartNanos)
            at--;
        bindings.Insert(at, binding);
        if (bindings.Count > MaxBindingsPerKey)
        {
            bindings.RemoveAt(0);
            EvictedBindings++;
        }
    }
}
