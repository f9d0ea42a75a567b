using System.CommandLine;
using NetOps.Appliance.Commands;

namespace NetOps.Appliance;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("NetOps — network and security operations for school campus networks (校园网络与安全运营)");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(PollCommand.Create());
        root.Subcommands.Add(LabCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}
