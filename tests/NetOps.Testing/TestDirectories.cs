namespace NetOps.Testing;

/// <summary>Temporary folders for tests, and the repository's own folders.</summary>
public static class TestDirectories
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "netops-tests", $"{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 13)]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
                System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The repository root: the nearest folder up from the test binary holding NetOps.sln.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetOps.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NetOps.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>../shared/testdata beside the repository (CI has shared/ next to the clone).</summary>
    public static string SharedTestData() => Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "testdata"));

    /// <summary>../shared/rules-data beside the repository: public rule lists as published, with their SOURCES.md.</summary>
    public static string SharedRulesData() => Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "rules-data"));
}
