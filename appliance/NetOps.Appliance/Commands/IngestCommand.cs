using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NetOps.Appliance.Ingest;
using NetOps.Configuration;
using NetOps.Store;

namespace NetOps.Appliance.Commands;

/// <summary><c>netops ingest [FILE|-] --store URL --db NAME</c>.</summary>
internal static class IngestCommand
{
    public const int ExitStored = 0;
    public const int ExitSpooled = 75; // EX_TEMPFAIL: nothing lost, the rest goes out on the next run

    public static Command Create()
    {
        var input = new Argument<string>("FILE") { Description = "Line-protocol file, or - for standard input", DefaultValueFactory = _ => "-" };
        var store = new Option<string>("--store") { Description = "InfluxDB base URL, e.g. http://127.0.0.1:8086", Required = true };
        var db = new Option<string>("--db") { Description = "Database (InfluxDB 2.x/3.x: the DBRP-mapped name)", Required = true };
        var rp = new Option<string?>("--rp") { Description = "Retention policy (default: the database's default)" };
        var token = new Option<string?>("--token") { Description = "InfluxDB 2.x/3.x token (or NETOPS_STORE_TOKEN)" };
        var username = new Option<string?>("--username") { Description = "InfluxDB 1.x user (password from NETOPS_STORE_PASSWORD)" };
        var spool = new Option<string?>("--spool") { Description = "Spool folder (default: var/spool/ingest-<store+db>); a rerun with the same spool resumes" };
        var wait = new Option<string>("--wait") { Description = "How long to wait for the server to store everything before leaving it spooled", DefaultValueFactory = _ => "60s" };
        var batchLines = new Option<int>("--batch-lines") { Description = "Lines per write request", DefaultValueFactory = _ => 5000 };
        var maxRate = new Option<long>("--max-rate") { Description = "Lines per second at most (0: unlimited), to spare a busy server", DefaultValueFactory = _ => 0 };
        var gzip = new Option<string>("--gzip") { Description = "Compress bodies: auto (yes unless the server is on this machine), true, false", DefaultValueFactory = _ => "auto" };
        gzip.AcceptOnlyFromAmong("auto", "true", "false");
        var createDb = new Option<bool>("--create-db") { Description = "Create the database first if the server does not have it (InfluxDB 1.x)" };

        var command = new Command("ingest", "Write line protocol through the appliance's own store writer; ends when every line is stored or safely spooled")
        {
            input, store, db, rp, token, username, spool, wait, batchLines, maxRate, gzip, createDb,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(store), UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https"))
            {
                Console.Error.WriteLine($"--store: '{parse.GetValue(store)}' is not an http:// or https:// URL");
                return 2;
            }
            var database = parse.GetValue(db)!;
            var endpoint = new InfluxEndpoint(url, database,
                parse.GetValue(token) ?? Environment.GetEnvironmentVariable("NETOPS_STORE_TOKEN"),
                parse.GetValue(username), Environment.GetEnvironmentVariable("NETOPS_STORE_PASSWORD"));
            if (!DurationText.TryParse(parse.GetValue(wait), out var waitFor))
            {
                Console.Error.WriteLine($"--wait: '{parse.GetValue(wait)}' is not a duration such as 30s, 5m or 1h");
                return 2;
            }
            var spoolDirectory = Path.GetFullPath(parse.GetValue(spool) ?? AppPaths.Var("spool", "ingest-" + Fingerprint(endpoint, parse.GetValue(rp))));
            var options = new IngestOptions(parse.GetValue(input)!, endpoint, parse.GetValue(rp), spoolDirectory, waitFor,
                Math.Clamp(parse.GetValue(batchLines), 1, 1_000_000), parse.GetValue(maxRate), parse.GetValue(gzip) switch { "true" => true, "false" => false, _ => (bool?)null }, parse.GetValue(createDb));

            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
                .SetMinimumLevel(LogLevel.Warning)
                .AddFilter("System.Net.Http", LogLevel.Error));
            try
            {
                var result = await new IngestJob(options, loggers, Console.Error).RunAsync(cancellationToken);
                var malformed = result.Malformed > 0 ? $"; {result.Malformed:N0} malformed lines skipped, kept in {result.RejectedFile}" : "";
                if (result.AllStored)
                {
                    Console.WriteLine($"stored: all {result.LinesRead:N0} lines are in {endpoint}{malformed}");
                    return ExitStored;
                }
                Console.WriteLine($"spooled: {result.PendingLines:N0} of {result.LinesRead:N0} lines are safely in {result.SpoolDirectory}, " +
                                  $"not yet stored ({endpoint} did not take them within {parse.GetValue(wait)}); run the same command again to send them{malformed}");
                return ExitSpooled;
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>A short name for a store, database and retention policy: the default spool folder of a command writing there.</summary>
    internal static string Fingerprint(InfluxEndpoint endpoint, string? rp) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{endpoint.BaseUrl}|{endpoint.Database}|{rp}")))[..12];
}
