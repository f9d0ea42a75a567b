using Serilog;
using Serilog.Events;

namespace NetOps.Configuration;

/// <summary>Structured logs: a compact console and a daily rolling file under logging.dir.</summary>
public static class LoggingSetup
{
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static ILogger CreateLogger(LoggingConfig config, string processName)
    {
        Directory.CreateDirectory(config.Dir);
        return new LoggerConfiguration()
            .MinimumLevel.Is(Level(config.Level))
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.Async(a => a.File(Path.Combine(config.Dir, processName + "-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: config.RetainDays,
                outputTemplate: FileTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .CreateLogger();
    }

    public static LogEventLevel Level(string level) => level switch
    {
        "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" => LogEventLevel.Fatal,
        _ => LogEventLevel.Information,
    };
}
