using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Session;
using NetOps.Appliance.Analysis;

namespace NetOps.Appliance.Commands;

/// <summary><c>netops analyze FILE... [--json]</c>: capture files through the live path's pipeline, one run.</summary>
internal static class AnalyzeCommand
{
    public const int ExitFileFailed = 1;

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "pcap or pcapng files, analyzed in order as one capture", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (stdout holds nothing else)" };
        var interval = new Option<int>("--interval") { Description = "Traffic interval in seconds of capture time", DefaultValueFactory = _ => 60 };
        var command = new Command("analyze", "Analyze capture files as the live path does: traffic by IP version, IPv6 share, flows, top hosts, applications, DNS, malformed packets, detections")
        {
            files, json, interval,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(interval) is < 1 or > 86_400)
            {
                Console.Error.WriteLine("--interval must be 1..86400 seconds");
                return 2;
            }
            var session = AnalysisSession.Create(AppPaths.Rules, TimeSpan.FromSeconds(parse.GetValue(interval)));
            var analysis = new FileAnalysis(session, Console.IsErrorRedirected ? null : Console.Error);
            var result = analysis.Run(parse.GetValue(files)!);
            foreach (var failed in analysis.Files.Where(f => f.Error is not null))
                Console.Error.WriteLine("netops analyze: " + failed.Error);
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                    AnalysisJson.Write(writer, result, analysis.Files, session.Dns.Counts, session.Detections.Snapshot(), analysis.Elapsed);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                PrintSummary(result, analysis);
            }
            return analysis.Files.Any(f => f.Error is not null) ? ExitFileFailed : 0;
        });
        return command;
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
