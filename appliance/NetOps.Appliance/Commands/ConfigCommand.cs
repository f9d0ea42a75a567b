using System.CommandLine;
using NetOps.Configuration;

namespace NetOps.Appliance.Commands;

/// <summary><c>netops config check [FILE]</c>: validate a configuration file and name every bad key with its line.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "Configuration file (default: config/netops.yaml)", DefaultValueFactory = _ => null };
        var check = new Command("check", "Validate a configuration file") { file };
        check.SetAction(parse =>
        {
            var path = parse.GetValue(file) ?? AppPaths.DefaultConfigFile;
            try
            {
                var config = ConfigLoader.Load(path, AppPaths.Home);
                Console.WriteLine($"{path}: OK (school {config.Site.School}, {config.Store.Sinks.Count} store sink(s))");
                return 0;
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return new Command("config", "Configuration tools") { check };
    }
}
