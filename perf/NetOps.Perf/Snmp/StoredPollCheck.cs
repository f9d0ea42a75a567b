using NetOps.Store.Reading;

namespace NetOps.Perf.Snmp;

/// <summary>
/// What a benchmark poll must have stored in InfluxDB for its cycle to count: every device
/// reachable with its interfaces, every interface with a rate, and (for simulated switches) rates
/// that add up to the simulated traffic. Each finding is a sentence; none means the cycle counts.
/// </summary>
public static class StoredPollCheck
{
    public static async Task<List<string>> DevicesAsync(InfluxQueryClient database, PollCycle cycle, int devices, int interfacesEach, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (cycle.Answered != devices)
            problems.Add($"{cycle.Answered} of {devices} devices answered");
        var stored = (await database.QuerySingleAsync(
            $"SELECT count(interfaces) AS n, min(interfaces) AS lo, max(interfaces) AS hi FROM raw.snmp_device WHERE time >= {Since(cycle)}",
            cancellationToken: cancellationToken)).Series;
        if (stored.Count == 0 || stored[0].Long(0, "n") != devices || stored[0].Long(0, "lo") != interfacesEach || stored[0].Long(0, "hi") != interfacesEach)
        {
            problems.Add(stored.Count == 0
                ? "no snmp_device point stored"
                : $"stored {stored[0].Long(0, "n")} reachable devices with {stored[0].Long(0, "lo")}..{stored[0].Long(0, "hi")} interfaces, expected {devices} with {interfacesEach}");
        }
        var rates = (await database.QuerySingleAsync($"SELECT count(in_bps) AS n FROM raw.if_traffic WHERE time >= {Since(cycle)}", cancellationToken: cancellationToken)).Series;
        var expected = (long)devices * interfacesEach;
        var found = rates.Count == 0 ? 0 : rates[0].Long(0, "n");
        if (found != expected)
            problems.Add($"{found} interface rates stored, expected {expected}");
        return problems;
    }

    /// <summary>How far the sum of stored rates is from the simulated traffic (the larger of in and out), and a finding when it is over 5 %.</summary>
    public static async Task<(double Error, string? Problem)> SimulatedRatesAsync(InfluxQueryClient database, PollCycle cycle, int devices, CancellationToken cancellationToken)
    {
        var traffic = (await database.QuerySingleAsync(
            $"SELECT sum(in_bps) AS total_in, sum(out_bps) AS total_out FROM raw.if_traffic WHERE time >= {Since(cycle)}", cancellationToken: cancellationToken)).Series;
        if (traffic.Count == 0)
            return (double.NaN, "no rates stored");
        double simulatedIn = 0, simulatedOut = 0;
        for (var d = 1; d <= devices; d++)
        {
            for (var p = 1; p <= SimulatedSwitch.Ports; p++)
            {
                simulatedIn += SimulatedSwitch.BytesPerSecond(d, p, true) * 8.0;
                simulatedOut += SimulatedSwitch.BytesPerSecond(d, p, false) * 8.0;
            }
        }
        // The poller takes sysUpTime a moment before the counters, so single rates are off by a little.
        var error = Math.Max(Math.Abs(traffic[0].Double(0, "total_in") / simulatedIn - 1), Math.Abs(traffic[0].Double(0, "total_out") / simulatedOut - 1));
        return (error, error > 0.05 ? $"stored rates are {error:P1} off the simulated traffic" : null);
    }

    private static string Since(PollCycle cycle) => $"{cycle.Started.ToUnixTimeMilliseconds()}ms";
}
