namespace NetOps.Collector.Snmp;

/// <summary>Counters of one interface at one poll, with the agent's clock.</summary>
public sealed record InterfaceSample(ulong InOctets, ulong OutOctets, bool HighCapacity, double UptimeSeconds, long DiscontinuityTicks, DateTimeOffset At);

/// <summary>Bit rates between two samples, or why there is none.</summary>
public sealed record InterfaceRate(double? InBps, double? OutBps, string? NoRateReason);

/// <summary>
/// Turns two counter samples into bit rates the way RFC 2863 asks: 32-bit counters may wrap once
/// (the delta is taken modulo 2^32); a 64-bit counter going backwards, a sysUpTime that went down
/// (the agent restarted) or a changed ifCounterDiscontinuityTime mean the counters were reset, and
/// the interval yields no rate rather than a wrong one. The interval is the agent's own sysUpTime
/// difference when it has one, so a late answer does not inflate the rate.
/// </summary>
public static class InterfaceRates
{
    public static InterfaceRate Between(InterfaceSample previous, InterfaceSample current, long speedBps)
    {
        if (current.UptimeSeconds < previous.UptimeSeconds)
            return new InterfaceRate(null, null, "agent restarted (sysUpTime went back)");
        if (current.DiscontinuityTicks != previous.DiscontinuityTicks)
            return new InterfaceRate(null, null, "counter discontinuity (ifCounterDiscontinuityTime changed)");
        if (current.HighCapacity != previous.HighCapacity)
            return new InterfaceRate(null, null, "counter width changed");
        var seconds = current.UptimeSeconds - previous.UptimeSeconds;
        if (seconds <= 0)
            seconds = (current.At - previous.At).TotalSeconds;
        if (seconds <= 0)
            return new InterfaceRate(null, null, "no time between samples");
        var inDelta = Delta(previous.InOctets, current.InOctets, current.HighCapacity);
        var outDelta = Delta(previous.OutOctets, current.OutOctets, current.HighCapacity);
        if (inDelta is null || outDelta is null)
            return new InterfaceRate(null, null, "64-bit counter went backwards (reset)");
        var inBps = inDelta.Value * 8.0 / seconds;
        var outBps = outDelta.Value * 8.0 / seconds;
        // A 32-bit counter that wrapped more than once looks like a small delta; one that was reset
        // looks like a huge one. Neither can exceed the line rate (with 10 % slack for clock skew).
        if (speedBps > 0 && (inBps > speedBps * 1.1 || outBps > speedBps * 1.1))
            return new InterfaceRate(null, null, "rate above line speed (counter reset or multiple wraps)");
        return new InterfaceRate(inBps, outBps, null);
    }

    internal static ulong? Delta(ulong previous, ulong current, bool highCapacity)
    {
        if (current >= previous)
            return current - previous;
        return highCapacity ? null : (ulong)(current + (1UL << 32) - previous);
    }
}
