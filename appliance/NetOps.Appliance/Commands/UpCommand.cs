using Microsoft.Extensions.Logging;
using System.CommandLine;
using NetOps.Appliance.Hosting;
using NetOps.Configuration;
using Serilog.Extensions.Logging;

namespace NetOps.Appliance.Commands;

/// <summary><c>netops up</c>: the whole appliance, on its built-in lab when there is no configuration.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var configOption = new Option<string?>("--config") { Description = "Configuration file (default: config/netops.yaml if present, else the built-in lab)" };
        var command = new Command("up", "Start the appliance: local InfluxDB, collector and console; Ctrl-C stops everything") { configOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(configOption) ?? (File.Exists(AppPaths.DefaultConfigFile) ? AppPaths.DefaultConfigFile : null);
            NetOpsConfig config;
            try
            {
                config = ConfigLoader.LoadOrDefault(path, AppPaths.Home);
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            var logger = LoggingSetup.CreateLogger(config.Logging, "netops");
            using var loggers = new SerilogLoggerFactory(logger, dispose: true);
            var log = loggers.CreateLogger("NetOps");
            log.LogInformation("NetOps starting for {School} with {Config}", config.Site.School, path ?? "the built-in lab configuration");

            await using var appliance = new ApplianceHost(config, loggers);
            try
            {
                await appliance.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or TimeoutException)
            {
                log.LogCritical("NetOps could not start: {Error}", e.Message);
                return 1;
            }
            var url = appliance.ConsoleUrl!;
            Console.WriteLine();
            Console.WriteLine($"  NetOps console 控制台:  {url}");
            Console.WriteLine($"  Health 健康状态:        {new Uri(url, "api/v1/health")}");
            if (appliance.LocalStoreUrl is { } store)
                Console.WriteLine($"  InfluxDB 数据库:        {store}");
            if (appliance.TrapEndPoint is { } traps)
                Console.WriteLine($"  SNMP traps 告警接收:    udp {traps}");
            if (appliance.CaptureDescription is { } capture)
                Console.WriteLine($"  Live capture 流量采集:  {capture}");
            if (appliance.RadiusAccountingEndPoint is { } radius)
                Console.WriteLine($"  RADIUS 计费 (身份):     udp {radius}");
            Console.WriteLine("  Ctrl-C stops everything 按 Ctrl-C 停止");
            Console.WriteLine();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            log.LogInformation("NetOps stopping");
            return 0;
        });
        return command;
    }
}
