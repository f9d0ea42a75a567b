using System.Diagnostics;
using System.Globalization;
using NetOps.Collector.Snmp;
using NetOps.Perf.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Store;
using NetOps.Store.Local;
using NetOps.Store.Reading;

namespace NetOps.Perf.Benchmarks;

/// <summary>
/// SNMP polling: the appliance's poller (<see cref="PollerRun"/>) against net-snmp's snmpbulkwalk
/// (<see cref="BulkwalkPeer"/>) on the same devices. The devices are simulated 48-port switches
/// served by <see cref="LoadResponder"/> in a process of its own (told apart by community) and, so
/// the responder is not the only agent NetOps is fast against, real net-snmp snmpd instances.
/// Each poll runs two cycles so rates are computed; the second counts. A cycle in which a device
/// did not answer, or stored the wrong interfaces or rates, fails its row.
/// </summary>
public sealed partial class SnmpPollingVsBulkwalk : IBenchmark
{
    private const double CycleSeconds = 60;
    private const double MaxCoreShare = 0.5;
    private const int PeerParallel = 16;
    private const int MaxRepetitions = 25; // SnmpTarget's default, given to snmpbulkwalk as -Cr25
    private static readonly string[] Tables = ["1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1"];
    private static readonly string PeerTool = $"snmpbulkwalk (ifTable + ifXTable, {PeerParallel} at a time)";

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

        PollCycle first, cycle;
        long requests, varBinds, lateAnswers;
        double responderCpu, influxCpu;
        await using (var run = await PollerRun.StartAsync(devices, database, endpoint, Path.Combine(dir, "spool"), cancellationToken))
        {
            first = await run.CycleAsync(cancellationToken);
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
        var problems = await StoredPollCheck.DevicesAsync(database, cycle, count, SimulatedSwitch.Ports, cancellationToken);
        var (rateError, rateProblem) = await StoredPollCheck.SimulatedRatesAsync(database, cycle, count, cancellationToken);
        if (rateProblem is not null)
            problems.Add(rateProblem);

        var one = await BulkwalkPeer.RunAsync([(responder.EndPoint, devices[0].Name)], Tables, MaxRepetitions, 1, dir, cancellationToken);
        // ifXTable is the end of the simulated MIB: snmpbulkwalk prints the endOfMibView varbind as a line of its own.
        if (one.VarBinds != SimulatedSwitch.TableVarBinds + 1)
            problems.Add($"snmpbulkwalk printed {one.VarBinds:N0} varbinds of one simulated switch, expected {SimulatedSwitch.TableVarBinds} and endOfMibView");
        var (_, responderVarBinds0) = await responder.CountsAsync(cancellationToken);
        var peer = await BulkwalkPeer.RunAsync(devices.Select(d => (responder.EndPoint, d.Name)), Tables, MaxRepetitions, PeerParallel, dir, cancellationToken);
        var (_, responderVarBinds1) = await responder.CountsAsync(cancellationToken);
        var peerVarBinds = responderVarBinds1 - responderVarBinds0;
        if (peer.Failure is not null)
            problems.Add(peer.Failure);
        else if (peer.Lines != one.Lines * count)
            problems.Add($"snmpbulkwalk printed {peer.Lines:N0} lines for {count} devices, expected {one.Lines * count:N0}");
        Console.Error.WriteLine($"  snmpbulkwalk: {count} devices in {peer.WallSeconds:0.00} s, {peer.CpuSeconds:0.00} CPU s, {peerVarBinds:N0} varbinds served");

        var share = cycle.CpuSeconds / CycleSeconds;
        var failed = problems.Count == 0 ? "" : "FAILED: " + string.Join("; ", problems) + ". ";
        var note = failed + string.Create(CultureInfo.InvariantCulture,
            $"NetOps: cycle {cycle.WallSeconds:0.00} s wall (last device polled at {cycle.PollSeconds:0.00} s, the rest until all stored), {cycle.CpuSeconds:0.00} CPU s = {share * 100:0.0} % of one core over a {CycleSeconds:0} s cycle " +
            $"(first cycle, with JIT and empty caches: {first.WallSeconds:0.00} s, {first.CpuSeconds:0.00} CPU s), " +
            $"{cycle.Answered}/{count} devices answered, {requests:N0} requests, {varBinds:N0} varbinds ({varBinds / cycle.WallSeconds:N0}/s), {cycle.PointsWritten:N0} points stored, " +
            $"{cycle.AllocatedBytes / 1048576.0:N0} MiB allocated ({(double)cycle.AllocatedBytes / varBinds:N0} bytes per varbind; GCs gen0/1/2 {cycle.Collections.Gen0}/{cycle.Collections.Gen1}/{cycle.Collections.Gen2}), " +
            $"{lateAnswers} late answers, sum of stored rates within {rateError:P1} of the simulated traffic; the full appliance poll (system group, 17 ifTable/ifXTable columns, " +
            $"ENTITY, IP-MIB, LLDP, wireless probes), {PollerRun.MaxConcurrent} devices at a time; responder {responderCpu:0.00} CPU s ({varBinds / responderCpu:N0} varbinds per CPU s), influxd {influxCpu:0.00} CPU s (not counted). " +
            $"snmpbulkwalk: {peer.WallSeconds:0.00} s wall, {peer.CpuSeconds:0.00} CPU s (GNU time, children included), {peerVarBinds:N0} varbinds " +
            $"({peerVarBinds / peer.WallSeconds:N0}/s), no points stored");
        var label = $"SNMP poll, {count:N0} simulated 48-port switches";
        return
        [
            new BenchmarkRow($"{label} (2nd cycle), devices/s", count / cycle.WallSeconds, count / peer.WallSeconds, PeerTool, "devices/s", 0, true, note)
            {
                AbsoluteTarget = $"cycle ≤ {CycleSeconds:0} s, CPU ≤ {MaxCoreShare * 100:0} % of a core",
                AbsolutePass = problems.Count == 0 && cycle.WallSeconds <= CycleSeconds && share <= MaxCoreShare,
            },
            new BenchmarkRow($"{label}, CPU ms per device", cycle.CpuSeconds * 1000 / count, peer.CpuSeconds * 1000 / count, PeerTool, "ms", 1, false, "")
            {
                AbsoluteTarget = problems.Count == 0 ? null : "verified poll",
            },
            new BenchmarkRow($"{label}, varbinds per CPU second", varBinds / cycle.CpuSeconds, peerVarBinds / peer.CpuSeconds, PeerTool, "varbinds/s", 1, true,
                "each side's varbinds as the responder counted them; NetOps walks 17 of the 41 columns, snmpbulkwalk the whole tables")
            {
                AbsoluteTarget = problems.Count == 0 ? null : "verified poll",
            },
        ];
    }

    private static double CpuSeconds(int? processId)
    {
        if (processId is not { } id)
            return 0;
        using var process = Process.GetProcessById(id);
        return process.TotalProcessorTime.TotalSeconds;
    }
}
