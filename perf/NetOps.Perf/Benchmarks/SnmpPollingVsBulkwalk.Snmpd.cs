using System.Globalization;
using NetOps.Collector.Snmp;
using NetOps.Perf.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Store;
using NetOps.Store.Local;
using NetOps.Store.Reading;
using NetOps.Testing;

namespace NetOps.Perf.Benchmarks;

public sealed partial class SnmpPollingVsBulkwalk
{
    private const int SnmpdInstances = 2;

    /// <summary>
    /// The sanity row: real net-snmp snmpd agents, several devices per agent (each with a name of its
    /// own, so the poller keeps them apart). NetOps must store the interfaces snmpbulkwalk sees.
    /// </summary>
    private static async Task<BenchmarkRow> RealSnmpdAsync(int count, LocalInfluxServer influx, string dir, CancellationToken cancellationToken)
    {
        const string community = "bench-ro";
        var agents = new List<SnmpdProcess>();
        try
        {
            for (var i = 0; i < SnmpdInstances; i++)
                agents.Add(await SnmpdProcess.StartAsync($"rocommunity {community} 127.0.0.1\nsysName bench-snmpd-{i + 1}\n", community));
            var devices = Enumerable.Range(0, count)
                .Select(d => new PolledDevice($"snmpd-{d + 1:D3}", new SnmpTarget(agents[d % agents.Count].EndPoint, SnmpVersion.V2c, community), "access", "bench"))
                .ToList();
            var interfaces = (int)(await BulkwalkPeer.RunAsync([(agents[0].EndPoint, community)], ["1.3.6.1.2.1.2.2.1.1"], MaxRepetitions, 1, dir, cancellationToken)).VarBinds;
            var one = await BulkwalkPeer.RunAsync([(agents[0].EndPoint, community)], Tables, MaxRepetitions, 1, dir, cancellationToken);

            var endpoint = new InfluxEndpoint(influx.Url, "bench_snmpd");
            using var database = new InfluxQueryClient(endpoint);
            PollCycle cycle;
            await using (var run = await PollerRun.StartAsync(devices, database, endpoint, Path.Combine(dir, "spool-snmpd"), cancellationToken))
            {
                await run.CycleAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // snmpd's counters and uptime move
                cycle = await run.CycleAsync(cancellationToken);
            }
            var problems = interfaces == 0 ? ["snmpd lists no interfaces"] : await StoredPollCheck.DevicesAsync(database, cycle, count, interfaces, cancellationToken);
            Console.Error.WriteLine($"  NetOps vs snmpd: {cycle.Answered}/{count} devices in {cycle.WallSeconds:0.00} s, {cycle.CpuSeconds:0.00} CPU s");

            var peer = await BulkwalkPeer.RunAsync(devices.Select(d => (d.Target.EndPoint, community)), Tables, MaxRepetitions, PeerParallel, dir, cancellationToken);
            if (peer.Failure is not null)
                problems.Add(peer.Failure);
            else if (peer.Lines != one.Lines * count)
                problems.Add($"snmpbulkwalk printed {peer.Lines:N0} lines from snmpd, expected {one.Lines * count:N0}");
            Console.Error.WriteLine($"  snmpbulkwalk vs snmpd: {count} devices in {peer.WallSeconds:0.00} s, {peer.CpuSeconds:0.00} CPU s");
            var failed = problems.Count == 0 ? "" : "FAILED: " + string.Join("; ", problems) + ". ";
            var note = failed + string.Create(CultureInfo.InvariantCulture,
                $"{count} devices on {SnmpdInstances} snmpd instances ({interfaces} interfaces each, as snmpbulkwalk sees them); NetOps full appliance poll " +
                $"{cycle.WallSeconds:0.00} s wall, {cycle.CpuSeconds:0.00} CPU s, {cycle.PointsWritten:N0} points stored; " +
                $"snmpbulkwalk ifTable + ifXTable {peer.WallSeconds:0.00} s wall, {peer.CpuSeconds:0.00} CPU s, {one.VarBinds * count:N0} varbinds");
            return new BenchmarkRow($"SNMP poll, {count} devices on {SnmpdInstances} real snmpd (2nd cycle), devices/s", count / cycle.WallSeconds, count / peer.WallSeconds,
                PeerTool, "devices/s", 0, true, note)
            {
                AbsoluteTarget = "every device, interfaces as snmpbulkwalk",
                AbsolutePass = problems.Count == 0,
            };
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }
}
