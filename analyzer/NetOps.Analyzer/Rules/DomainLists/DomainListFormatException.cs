namespace NetOps.Analyzer.Rules.DomainLists;

/// <summary>A list file in rules/ that is not what its format promises (a policy error to fix, named by file and line).</summary>
public sealed class DomainListFormatException(string path, int line, string message)
    : Exception($"{path}:{line}: {message}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
}
