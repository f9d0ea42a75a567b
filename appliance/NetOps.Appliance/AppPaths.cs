namespace NetOps.Appliance;

/// <summary>Where the appliance lives: NETOPS_HOME (set by ./netops), else the folder holding NetOps.sln above the program.</summary>
internal static class AppPaths
{
    public static string Home { get; } = FindHome();

    public static string DefaultConfigFile => Path.Combine(Home, "config", "netops.yaml");

    public static string Var(params string[] parts) => Path.Combine([Home, "var", .. parts]);

    /// <summary>The policy folder: the home's own rules/ when it has one, else the rules/ the program was built with.</summary>
    public static string Rules
    {
        get
        {
            var own = Path.Combine(Home, "rules");
            return Directory.Exists(own) || ProgramRepository() is not { } repository ? own : Path.Combine(repository, "rules");
        }
    }

    private static string FindHome()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NETOPS_HOME");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);
        return ProgramRepository() ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The folder holding NetOps.sln above the program, if any.</summary>
    private static string? ProgramRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetOps.sln")))
                return dir.FullName;
        }
        return null;
    }
}
