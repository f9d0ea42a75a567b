using System.Globalization;
using System.Text;
using NetOps.Perf;
using NetOps.Perf.Benchmarks;
using NetOps.Perf.Snmp;
using Spectre.Console;

// NetOps.Perf responder …: the SNMP load responder, run by the snmp benchmark as a process of its own.
if (args.Length > 0 && args[0] == "responder")
    return LoadResponder.Run(args[1..]);

// perf/run [--quick] [--only NAME]: every benchmark against its peer, in one run, one table.
IBenchmark[] all = [new StoreWriterVsCurl(), new SnmpPollingVsBulkwalk(), new AnalyzerVsPeers(), new LiveReplayRate()];
var quick = args.Contains("--quick");
var onlyIndex = Array.IndexOf(args, "--only");
var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
var home = Environment.GetEnvironmentVariable("NETOPS_HOME") ?? Directory.GetCurrentDirectory();
var work = Path.Combine(Path.GetTempPath(), "netops-perf-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);

var rows = new List<BenchmarkRow>();
try
{
    foreach (var benchmark in all.Where(b => only is null || b.Name.Equals(only, StringComparison.OrdinalIgnoreCase)))
    {
        Console.Error.WriteLine($"running {benchmark.Name}{(quick ? " (quick)" : "")} …");
        rows.AddRange(await benchmark.RunAsync(new BenchmarkSettings(quick, work, home), CancellationToken.None));
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 200;
var table = new Table().Title($"NetOps benchmarks — {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, one run");
foreach (var column in new[] { "Benchmark", "NetOps", "Peer", "Peer tool", "Ratio", "Target", "Verdict" })
    table.AddColumn(column);
foreach (var row in rows)
{
    table.AddRow(Markup.Escape(row.Benchmark), Format(row.NetOps, row.Unit), Format(row.Peer, row.Unit), Markup.Escape(row.PeerTool),
        row.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×", Markup.Escape(row.Target), row.Pass ? "[green]PASS[/]" : "[red]FAIL[/]");
}
AnsiConsole.Write(table);
foreach (var row in rows.Where(r => r.Note.Length > 0))
    AnsiConsole.MarkupLine($"[grey]{Markup.Escape(row.Benchmark)}: {Markup.Escape(row.Note)}[/]");

var markdown = new StringBuilder();
markdown.AppendLine(CultureInfo.InvariantCulture, $"# NetOps benchmarks — {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, one run");
markdown.AppendLine();
markdown.AppendLine("| Benchmark | NetOps | Peer | Peer tool | Ratio | Target | Verdict |");
markdown.AppendLine("|---|---|---|---|---|---|---|");
foreach (var row in rows)
    markdown.AppendLine(CultureInfo.InvariantCulture, $"| {row.Benchmark} | {Format(row.NetOps, row.Unit)} | {Format(row.Peer, row.Unit)} | {row.PeerTool} | {row.Ratio:0.00}× | {row.Target} | {(row.Pass ? "PASS" : "FAIL")} |");
markdown.AppendLine();
foreach (var row in rows.Where(r => r.Note.Length > 0))
    markdown.AppendLine(CultureInfo.InvariantCulture, $"- {row.Benchmark}: {row.Note}");
var results = Path.Combine(home, "var", "perf");
Directory.CreateDirectory(results);
var file = Path.Combine(results, $"results-{DateTime.Now:yyyyMMdd-HHmmss}.md");
File.WriteAllText(file, markdown.ToString());
Console.Error.WriteLine($"table also written to {file}");
return rows.All(r => r.Pass) ? 0 : 1;

static string Format(double value, string unit) =>
    value.ToString(Math.Abs(value) < 10 ? "N2" : Math.Abs(value) < 100 ? "N1" : "N0", CultureInfo.InvariantCulture) + " " + unit;
