using System.Diagnostics;
using System.Globalization;
using System.Net;
using NetOps.Collector.Snmp;
using NetOps.Perf.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Store;
using NetOps.Store.Local;
using NetOps.Store.Reading;
using NetOps.Testing;

namespace NetOps.Perf.Benchmarks;

/// <summary>
/// SNMP polling: the appliance's poller (<see cref="PollerRun"/>) against net-snmp's snmpbulkwalk
/// (<see cref="BulkwalkPeer"/>) on the same devices. The devices are simulated 48-port switches
/// served by <see cref="LoadResponder"/> in a process of its own (told apart by community), and,
/// as a sanity check that the responder is not the only agent NetOps is fast against, real
/// net-snmp snmpd instances. Each poll runs two cycles so rates are computed; the second counts.
/// </summary>
public sealed class SnmpPollingVsBulkwalk : IBenchmark
{
    private const double CycleSeconds = 60;
    private const double MaxCoreShare = 0.5;
    private const int PeerParallel = 16;
    private const int MaxRepetitions = 25; // SnmpTarget's default, given to snmpbulkwalk as -Cr25
    private const int SnmpdInstances = 2;
    private static readonly string[] Tables = ["1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1"];

    public string Name => "snmp";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(settings.WorkDirectory, "snmp");
        Directory.CreateDirectory(dir);
        await using var influx = new LocalInfluxServer(new LocalInfluxOptions(Path.Combine(dir, "influxd"), "127.0.0.1", LocalInfluxServer.FreePort())
        {
            RpcPort = LocalInfluxServer.FreePort(),
        });
        await influx.StartAsync(cancellationToken);
        var rows = new List<BenchmarkRow>();
        rows.AddRange(await SimulatedSwitchesAsync(settings.Quick ? 200 : 1000, influx, dir, cancellationToken));
        rows.Add(await RealSnmpdAsync(settings.Quick ? 40 : 100, influx, dir, cancellationToken));
        return rows;
    }

    private static async Task<IReadOnlyList<BenchmarkRow>> SimulatedSwitchesAsync(int count, LocalInfluxServer influx, string dir, CancellationToken cancellationToken)
    {
        await using var responder = await ResponderProcess.StartAsync(count, cancellationToken);
        var devices = Enumerable.Range(1, count)
            .Select(d => new PolledDevice(SimulatedSwitch.Name(d), new SnmpTarget(responder.EndPoint, SnmpVersion.V2c, SimulatedSwitch.Name(d)), "access", "bench"))
            .ToList();
        var endpoint = new InfluxEndpoint(influx.Url, "bench_snmp");
        using var database = new InfluxQueryClient(endpoint);

        PollCycle cycle;
        long requests, varBinds, lateAnswers;
        double responderCpu, influxCpu;
        await using (var run = await PollerRun.StartAsync(devices, database, endpoint, Path.Combine(dir, "spool"), cancellationToken))
        {
            var first = await run.CycleAsync(cancellationToken);
            Console.Error.WriteLine($"  NetOps cycle 1: {first.Answered}/{count} devices in {first.WallSeconds:0.00} s, {first.CpuSeconds:0.00} CPU s");
            // The agents' clocks and counters move between the cycles. The poller reads sysUpTime a moment
            // before the counters, so the longer the pause, the closer the rates come to the simulated ones.
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            var (requests0, varBinds0) = await responder.CountsAsync(cancellationToken);
            var responderCpu0 = responder.CpuSeconds;
            var influxCpu0 = CpuSeconds(influx.ProcessId);
            cycle = await run.CycleAsync(cancellationToken);
            var (requests1, varBinds1) = await responder.CountsAsync(cancellationToken);
            (requests, varBinds) = (requests1 - requests0, varBinds1 - varBinds0);
            responderCpu = responder.CpuSeconds - responderCpu0;
            influxCpu = CpuSeconds(influx.ProcessId) - influxCpu0;
            lateAnswers = run.LateAnswers;
            Console.Error.WriteLine($"  NetOps cycle 2: {cycle.Answered}/{count} devices in {cycle.WallSeconds:0.00} s, {cycle.CpuSeconds:0.00} CPU s, {varBinds:N0} varbinds");
        }
        var rateError = await VerifySimulatedAsync(database, cycle, count, cancellationToken);

        var one = await BulkwalkPeer.RunAsync([(responder.EndPoint, devices[0].Name)], Tables, MaxRepetitions, 1, dir, cancellationToken);
        // ifXTable is the end of the simulated MIB: snmpbulkwalk prints the endOfMibView varbind as a line of its own.
        if (one.VarBinds != SimulatedSwitch.TableVarBinds + 1)
            throw new InvalidOperationException($"snmpbulkwalk printed {one.VarBinds:N0} varbinds of one simulated switch, expected {SimulatedSwitch.TableVarBinds}");
        var (_, responderVarBinds0) = await responder.CountsAsync(cancellationToken);
        var peer = await BulkwalkPeer.RunAsync(devices.Select(d => (responder.EndPoint, d.Name)), Tables, MaxRepetitions, PeerParallel, dir, cancellationToken);
        var (_, responderVarBinds1) = await responder.CountsAsync(cancellationToken);
        if (peer.Lines != one.Lines * count)
            throw new InvalidOperationException($"snmpbulkwalk printed {peer.Lines:N0} lines for {count} devices, expected {one.Lines * count:N0} (each as the first)");
        Console.Error.WriteLine($"  snmpbulkwalk: {count} devices in {peer.WallSeconds:0.00} s, {peer.CpuSeconds:0.00} CPU s, {(long)SimulatedSwitch.TableVarBinds * count:N0} varbinds");

        var share = cycle.CpuSeconds / CycleSeconds;
        var pass = cycle.WallSeconds <= CycleSeconds && share <= MaxCoreShare;
        var label = $"SNMP poll, {count:N0} simulated 48-port switches (2nd cycle), devices/s";
        var peerTool = $"snmpbulkwalk (ifTable + ifXTable, {PeerParallel} at a time)";
        var note = string.Create(CultureInfo.InvariantCulture,
            $"NetOps: cycle {cycle.WallSeconds:0.00} s wall, {cycle.CpuSeconds:0.00} CPU s = {share * 100:0.0} % of one core over a {CycleSeconds:0} s cycle, " +
            $"{cycle.Answered}/{count} devices answered, {requests:N0} requests, {varBinds:N0} varbinds ({varBinds / cycle.WallSeconds:N0}/s), {cycle.PointsWritten:N0} points stored, " +
            $"{lateAnswers} late answers, sum of stored rates within {rateError:P1} of the simulated traffic; full appliance poll (system, 17 ifTable/ifXTable columns, ENTITY, IP-MIB, LLDP, wireless probes), {PollerRun.MaxConcurrent} devices at a time; " +
            $"responder {responderCpu:0.00} CPU s, influxd {influxCpu:0.00} CPU s (not counted). " +
            $"snmpbulkwalk: {peer.WallSeconds:0.00} s wall, {peer.CpuSeconds:0.00} CPU s (GNU time, children included), {(long)SimulatedSwitch.TableVarBinds * count:N0} varbinds " +
            $"({(responderVarBinds1 - responderVarBinds0) / peer.WallSeconds:N0}/s served), no points stored");
        return
        [
            new BenchmarkRow(label, count / cycle.WallSeconds, count / peer.WallSeconds, peerTool, "devices/s", 0, true, note)
            {
                AbsoluteTarget = $"cycle ≤ {CycleSeconds:0} s, CPU ≤ {MaxCoreShare * 100:0} % of a core",
                AbsolutePass = pass,
            },
            new BenchmarkRow($"SNMP poll, {count:N0} simulated 48-port switches, CPU per device", cycle.CpuSeconds * 1000 / count, peer.CpuSeconds * 1000 / count,
                peerTool, "ms", 1, false, ""),
        ];
    }

    /// <summary>Every device answered with 48 interfaces, every interface has a rate, and the rates are the ones the responder simulates.</summary>
    private static async Task<double> VerifySimulatedAsync(InfluxQueryClient database, PollCycle cycle, int count, CancellationToken cancellationToken)
    {
        if (cycle.Answered != count)
            throw new InvalidOperationException($"only {cycle.Answered} of {count} simulated switches answered the second cycle");
        var since = $"{cycle.Started.ToUnixTimeMilliseconds()}ms";
        var device = (await database.QuerySingleAsync(
            $"SELECT count(interfaces) AS n, min(interfaces) AS lo, max(interfaces) AS hi FROM raw.snmp_device WHERE time >= {since}", cancellationToken: cancellationToken)).Series;
        if (device.Count == 0 || device[0].Long(0, "n") != count || device[0].Long(0, "lo") != SimulatedSwitch.Ports || device[0].Long(0, "hi") != SimulatedSwitch.Ports)
            throw new InvalidOperationException($"stored snmp_device points of the second cycle do not show {count} devices with {SimulatedSwitch.Ports} interfaces each");
        var traffic = (await database.QuerySingleAsync(
            $"SELECT count(in_bps) AS n, sum(in_bps) AS total_in, sum(out_bps) AS total_out FROM raw.if_traffic WHERE time >= {since}", cancellationToken: cancellationToken)).Series;
        var expectedRates = (long)count * SimulatedSwitch.Ports;
        if (traffic.Count == 0 || traffic[0].Long(0, "n") != expectedRates)
            throw new InvalidOperationException($"the second cycle stored {(traffic.Count == 0 ? 0 : traffic[0].Long(0, "n"))} interface rates, expected {expectedRates}");
        double simulatedIn = 0, simulatedOut = 0;
        for (var d = 1; d <= count; d++)
        {
            for (var p = 1; p <= SimulatedSwitch.Ports; p++)
            {
                simulatedIn += SimulatedSwitch.BytesPerSecond(d, p, true) * 8.0;
                simulatedOut += SimulatedSwitch.BytesPerSecond(d, p, false) * 8.0;
            }
        }
        // The agent's uptime is read a moment before its counters, so single rates are off by a little.
        var inError = traffic[0].Double(0, "total_in") / simulatedIn - 1;
        var outError = traffic[0].Double(0, "total_out") / simulatedOut - 1;
        if (Math.Abs(inError) > 0.05 || Math.Abs(outError) > 0.05)
            throw new InvalidOperationException($"stored rates are {inError:P1} / {outError:P1} off the simulated traffic");
        return Math.Max(Math.Abs(inError), Math.Abs(outError));
    }

    /// <summary>
    /// The same comparison against real net-snmp snmpd agents, several devices per agent (each its own
    /// name, so the poller keeps them apart). The interfaces NetOps stores must be the ones snmpbulkwalk sees.
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
            var interfaces = await InterfaceCountAsync(agents[0].EndPoint, community, dir, cancellationToken);
            var perDevice = await BulkwalkPeer.RunAsync([(agents[0].EndPoint, community)], Tables, MaxRepetitions, 1, dir, cancellationToken);

            var endpoint = new InfluxEndpoint(influx.Url, "bench_snmpd");
            using var database = new InfluxQueryClient(endpoint);
            PollCycle cycle;
            await using (var run = await PollerRun.StartAsync(devices, database, endpoint, Path.Combine(dir, "spool-snmpd"), cancellationToken))
            {
                await run.CycleAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                cycle = await run.CycleAsync(cancellationToken);
            }
            var since = $"{cycle.Started.ToUnixTimeMilliseconds()}ms";
            var stored = (await database.QuerySingleAsync(
                $"SELECT count(interfaces) AS n, min(interfaces) AS lo, max(interfaces) AS hi FROM raw.snmp_device WHERE time >= {since}", cancellationToken: cancellationToken)).Series;
            if (cycle.Answered != count || stored.Count == 0 || stored[0].Long(0, "n") != count || stored[0].Long(0, "lo") != interfaces || stored[0].Long(0, "hi") != interfaces)
                throw new InvalidOperationException($"against snmpd {cycle.Answered} of {count} devices answered; stored interface counts differ from snmpbulkwalk's {interfaces}");
            Console.Error.WriteLine($"  NetOps vs snmpd: {count} devices in {cycle.WallSeconds:0.00} s, {cycle.CpuSeconds:0.00} CPU s");

            var peer = await BulkwalkPeer.RunAsync(devices.Select(d => (d.Target.EndPoint, community)), Tables, MaxRepetitions, PeerParallel, dir, cancellationToken);
            if (peer.Lines != perDevice.Lines * count)
                throw new InvalidOperationException($"snmpbulkwalk printed {peer.Lines:N0} lines from snmpd, expected {perDevice.Lines * count:N0}");
            Console.Error.WriteLine($"  snmpbulkwalk vs snmpd: {count} devices in {peer.WallSeconds:0.00} s, {peer.CpuSeconds:0.00} CPU s");
            var note = string.Create(CultureInfo.InvariantCulture,
                $"{count} devices on {SnmpdInstances} snmpd instances ({interfaces} interfaces each, as snmpbulkwalk sees them); NetOps full appliance poll " +
                $"{cycle.WallSeconds:0.00} s wall, {cycle.CpuSeconds:0.00} CPU s, {cycle.PointsWritten:N0} points stored; " +
                $"snmpbulkwalk ifTable + ifXTable {peer.WallSeconds:0.00} s wall, {peer.CpuSeconds:0.00} CPU s, {perDevice.VarBinds * count:N0} varbinds");
            return new BenchmarkRow($"SNMP poll, {count} devices on {SnmpdInstances} real snmpd (2nd cycle), devices/s", count / cycle.WallSeconds, count / peer.WallSeconds,
                $"snmpbulkwalk (ifTable + ifXTable, {PeerParallel} at a time)", "devices/s", 0, true, note)
            {
                AbsoluteTarget = "every device, interfaces as snmpbulkwalk",
                AbsolutePass = true, // reached only when verified above
            };
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    /// <summary>The agent's interface count as net-snmp sees it: rows of the ifIndex column.</summary>
    private static async Task<int> InterfaceCountAsync(IPEndPoint agent, string community, string dir, CancellationToken cancellationToken)
    {
        var walk = await BulkwalkPeer.RunAsync([(agent, community)], ["1.3.6.1.2.1.2.2.1.1"], MaxRepetitions, 1, dir, cancellationToken);
        if (walk.VarBinds == 0)
            throw new InvalidOperationException($"snmpd at {agent} lists no interfaces");
        return (int)walk.VarBinds;
    }

    private static double CpuSeconds(int? processId)
    {
        if (processId is not { } id)
            return 0;
        using var process = Process.GetProcessById(id);
        return process.TotalProcessorTime.TotalSeconds;
    }
}
