using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Session;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Appliance.Analysis;
using NetOps.Appliance.Hosting;
using NetOps.Configuration;
using NetOps.Store;
using NetOps.Store.Layout;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Appliance.Commands;

/// <summary><c>netops analyze FILE... [--json] [--store URL --db NAME]</c>: capture files through the live path's pipeline, one run.</summary>
internal static class AnalyzeCommand
{
    public const int ExitFileFailed = 1;
    public const int ExitSpooled = IngestCommand.ExitSpooled;

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "pcap or pcapng files, analyzed in order as one capture", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (stdout holds nothing else)" };
        var interval = new Option<int>("--interval") { Description = "Traffic interval in seconds of capture time", DefaultValueFactory = _ => 60 };
        var store = new Option<string?>("--store") { Description = "Also write the traffic metrics of every interval, the detections and the RADIUS accounting seen (identity_session) to this InfluxDB (base URL, e.g. http://127.0.0.1:8086)" };
        var db = new Option<string?>("--db") { Description = "Database for --store (its layout from store/schema.yaml is created when missing)" };
        var token = new Option<string?>("--token") { Description = "InfluxDB 2.x/3.x token for --store (or NETOPS_STORE_TOKEN)" };
        var school = new Option<string?>("--school") { Description = "The school tag of the stored metrics (default: site.school of config/netops.yaml, else lab-school)" };
        var trafficOnly = new Option<bool>("--traffic-only") { Description = "Traffic figures only: no detector runs (no detections; applications by port alone). For fast imports, and to measure what detection costs" };
        var command = new Command("analyze", "Analyze capture files as the live path does: traffic by IP version, IPv6 share, flows, top hosts, applications, DNS, malformed packets, detections")
        {
            files, json, interval, store, db, token, school, trafficOnly,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(interval) is < 1 or > 86_400)
            {
                Console.Error.WriteLine("--interval must be 1..86400 seconds");
                return 2;
            }
            InfluxEndpoint? endpoint = null;
            if (parse.GetValue(store) is { } storeUrl)
            {
                if (!Uri.TryCreate(storeUrl, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https") || parse.GetValue(db) is not { Length: > 0 } database)
                {
                    Console.Error.WriteLine("--store needs an http:// or https:// URL and --db a database name");
                    return 2;
                }
                endpoint = new InfluxEndpoint(url, database, parse.GetValue(token) ?? Environment.GetEnvironmentVariable("NETOPS_STORE_TOKEN"));
            }
            var session = AnalysisSession.Create(AppPaths.Rules, TimeSpan.FromSeconds(parse.GetValue(interval)), detectors: !parse.GetValue(trafficOnly));
            await using var writer = endpoint is null ? null : StartWriter(endpoint, parse.GetValue(school));
            if (writer is not null)
            {
                TrafficStore.WriteIntervals(session, writer, StoreSchema.Current, "import");
                TrafficStore.WriteDetections(session, writer);
                TrafficStore.WriteIdentitySessions(session, writer, StoreSchema.Current);
            }
            var analysis = new FileAnalysis(session, Console.IsErrorRedirected ? null : Console.Error);
            var result = analysis.Run(parse.GetValue(files)!);
            foreach (var failed in analysis.Files.Where(f => f.Error is not null))
                Console.Error.WriteLine("netops analyze: " + failed.Error);
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var report = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                    AnalysisJson.Write(report, result, analysis.Files, session.Detections.Snapshot(), analysis.Elapsed);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                PrintSummary(result, analysis);
            }
            if (writer is not null && !await StoredAsync(writer, cancellationToken))
                return ExitSpooled;
            return analysis.Files.Any(f => f.Error is not null) ? ExitFileFailed : 0;
        });
        return command;
    }

    private static StoreWriter StartWriter(InfluxEndpoint endpoint, string? school)
    {
        var layout = new StoreLayout(StoreSchema.Current, new Dictionary<string, TimeSpan>(), NullLogger.Instance);
        var spool = AppPaths.Var("spool", "analyze-" + IngestCommand.Fingerprint(endpoint, null));
        var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", school ?? DefaultSchool())] },
            [new SinkOptions("analyze", endpoint, spool) { LayoutInitializer = (e, t) => ApplianceHost.EnsureLayoutAsync(layout, e, t) }]);
        writer.Start();
        return writer;
    }

    private static string DefaultSchool() =>
        ConfigLoader.LoadOrDefault(File.Exists(AppPaths.DefaultConfigFile) ? AppPaths.DefaultConfigFile : null, AppPaths.Home).Site.School;

    /// <summary>Waits for the store to take every point; what it has not taken stays in the spool for the next run.</summary>
    private static async Task<bool> StoredAsync(StoreWriter writer, CancellationToken cancellationToken)
    {
        var drained = (await writer.DrainAsync(TimeSpan.FromSeconds(60), cancellationToken))[0];
        if (drained.AllStored)
            return true;
        Console.Error.WriteLine($"netops analyze: the store did not take {drained.PendingLines} lines within 60 s; they stay in {drained.SpoolDirectory} and go out with the next analyze to the same store");
        return false;
    }

    private static void PrintSummary(AnalysisResult result, FileAnalysis analysis)
    {
        var total = result.Total;
        var traffic = total.Traffic;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "{0:N0} packets, {1:N0} bytes in {2:0.00} s ({3} files)", traffic.Total.Packets, traffic.Total.Bytes, analysis.Elapsed.TotalSeconds, analysis.Files.Count));
        Console.WriteLine(string.Format(c, "IPv4 {0:N0} packets / {1:N0} bytes; IPv6 {2:N0} / {3:N0} ({4:0.##} % of IP bytes); non-IP {5:N0}",
            traffic.Ipv4.Packets, traffic.Ipv4.Bytes, traffic.Ipv6.Packets, traffic.Ipv6.Bytes, traffic.Ipv6ByteShare * 100, traffic.NonIp.Packets));
        Console.WriteLine(string.Format(c, "{0:N0} flows (peak {1:N0} open), {2:N0} malformed packets, {3:N0} IPv6 hosts, {4:N0} dual-stack",
            total.Flows.Started, result.PeakFlows, total.MalformedTotal, total.Ipv6Hosts, total.DualStackHosts));
        foreach (var host in total.TopHosts.Take(5))
            Console.WriteLine(string.Format(c, "  {0,-40} {1,15:N0} bytes", host.AddressText, host.Bytes));
    }
}
