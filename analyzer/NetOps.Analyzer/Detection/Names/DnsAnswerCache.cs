using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Detectors.Names;

/// <summary>
/// Which name a client resolved to an address, for naming its later flows to that address: (client,
/// address) → name until the answer's TTL runs out. Bounded: at capacity, expired entries go first,
/// then the oldest answers.
/// </summary>
public sealed class DnsAnswerCache(int capacity = DnsAnswerCache.DefaultCapacity)
{
    public const int DefaultCapacity = 65_536;

    /// <summary>Shortest TTL kept: clients and their stub caches often use an answer a little past a tiny TTL.</summary>
    public const uint MinimumTtlSeconds = 60;

    /// <summary>Longest TTL kept, so one odd answer cannot pin an entry.</summary>
    public const uint MaximumTtlSeconds = 86_400;

    private readonly Dictionary<(IpAddress Client, IpAddress Address), (string Name, long ExpiresNanos)> _entries = new();
    private readonly Queue<(IpAddress Client, IpAddress Address)> _insertionOrder = new();

    public int Count => _entries.Count;

    /// <summary>Entries pushed out by the bound before they expired.</summary>
    public long Evicted { get; private set; }

    public void Add(IpAddress client, IpAddress address, string name, uint ttlSeconds, long nowNanos)
    {
        var ttl = Math.Clamp(ttlSeconds, MinimumTtlSeconds, MaximumTtlSeconds);
        var key = (client, address);
        if (!_entries.ContainsKey(key))
        {
            while (_entries.Count >= capacity && _insertionOrder.TryDequeue(out var oldest))
            {
                if (_entries.Remove(oldest, out var removed) && removed.ExpiresNanos > nowNanos)
                    Evicted++;
            }
            _insertionOrder.Enqueue(key);
        }
        _entries[key] = (name, nowNanos + ttl * 1_000_000_000L);
    }

    public bool TryGet(IpAddress client, IpAddress address, long nowNanos, out string name)
    {
        if (_entries.TryGetValue((client, address), out var entry) && entry.ExpiresNanos >= nowNanos)
        {
            name = entry.Name;
            return true;
        }
        name = "";
        return false;
    }
}
