using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests;

public sealed class InterfaceRatesTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);

    private static InterfaceSample S(ulong inOctets, ulong outOctets, double uptime, bool hc = true, long discontinuity = 0, double wall = 0) =>
        new(inOctets, outOctets, hc, uptime, discontinuity, T0.AddSeconds(wall == 0 ? uptime : wall));

    [Fact]
    public void RatesComeFromTheAgentsOwnClock()
    {
        // 75,000,000 octets in 60 s of agent time = 10 Mbit/s, though the answer came 5 s late.
        var rate = InterfaceRates.Between(S(1_000, 2_000, 100), S(75_001_000, 2_000, 160, wall: 165), 1_000_000_000);
        Assert.Equal(10_000_000, rate.InBps);
        Assert.Equal(0, rate.OutBps);
        Assert.Null(rate.NoRateReason);
    }

    [Fact]
    public void A32BitCounterWrapsOnce()
    {
        var rate = InterfaceRates.Between(S(4_294_967_000, 0, 0, hc: false), S(704, 0, 1, hc: false), 100_000_000);
        Assert.Equal(1000 * 8, rate.InBps);
    }

    [Fact]
    public void A64BitCounterGoingBackIsAResetNotAWrap()
    {
        var rate = InterfaceRates.Between(S(5_000_000, 0, 10), S(100, 0, 70), 1_000_000_000);
        Assert.Null(rate.InBps);
        Assert.Contains("reset", rate.NoRateReason);
    }

    [Fact]
    public void AnAgentRestartYieldsNoRate()
    {
        var rate = InterfaceRates.Between(S(100, 100, 5000), S(200, 200, 12), 1_000_000_000);
        Assert.Null(rate.InBps);
        Assert.Contains("restarted", rate.NoRateReason);
    }

    [Fact]
    public void ACounterDiscontinuityYieldsNoRate() =>
        Assert.Contains("discontinuity", InterfaceRates.Between(S(1, 1, 10), S(2, 2, 20, discontinuity: 1500), 1_000_000).NoRateReason);

    [Fact]
    public void AWrappedLookingJumpAboveLineRateIsRefused()
    {
        // A 32-bit counter reset to a small value looks like a wrap of nearly 4 GB in 60 s: 570 Mbit/s on a 100 Mbit/s port.
        var rate = InterfaceRates.Between(S(5_000, 0, 0, hc: false), S(4_000, 0, 60, hc: false), 100_000_000);
        Assert.Null(rate.InBps);
        Assert.Contains("line speed", rate.NoRateReason);
    }
}
