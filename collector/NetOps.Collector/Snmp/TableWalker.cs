using System.Collections.Concurrent;
using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Walks a subtree with GetBulk and copes with agents that cannot answer a full bulk page: when a
/// page times out or the agent says tooBig, the walk is made again with a third of the repetitions
/// (down to one, which is a GetNext), and what worked is remembered for that device and table so
/// the next poll does not pay for the timeouts again. Some agents (and snmpsimd) drop a
/// reply that would not fit in one datagram instead of answering tooBig — a table of large values
/// then looks like a dead device to a plain bulk walk.
/// </summary>
public sealed class TableWalker(SnmpClient client)
{
    private readonly ConcurrentDictionary<string, int> _repetitions = new();
    private long _stepDowns;

    /// <summary>How many times a walk had to step down to fewer repetitions since start.</summary>
    public long StepDowns => Interlocked.Read(ref _stepDowns);

    /// <summary>Every instance below <paramref name="root"/>, in order (GetNext for v1).</summary>
    public async Task<IReadOnlyList<VarBind>> WalkAsync(SnmpTarget target, ObjectIdentifier root, CancellationToken cancellationToken = default)
    {
        var key = Key(target, root);
        var repetitions = _repetitions.GetValueOrDefault(key, Math.Max(1, target.MaxRepetitions));
        while (true)
        {
            try
            {
                return await client.WalkAsync(target with { MaxRepetitions = repetitions }, root, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (target.Version != SnmpVersion.V1 && repetitions > 1 && e is SnmpTimeoutException or SnmpErrorException { Error: SnmpError.TooBig })
            {
                // Walk again with smaller pages; the pages already read are cheap next to the timeout.
                repetitions = Math.Max(1, repetitions / 3);
                _repetitions[key] = repetitions;
                Interlocked.Increment(ref _stepDowns);
            }
        }
    }

    /// <summary>The repetitions this walker uses for a device's table (the target's own until a page failed).</summary>
    public int RepetitionsFor(SnmpTarget target, ObjectIdentifier root) =>
        _repetitions.GetValueOrDefault(Key(target, root), Math.Max(1, target.MaxRepetitions));

    // The key holds the community in memory only; it is never printed.
    private static string Key(SnmpTarget target, ObjectIdentifier root) =>
        $"{target.EndPoint}|{Convert.ToHexString(target.Community)}|{target.User?.Name}|{target.User?.ContextName}|{root}";
}
