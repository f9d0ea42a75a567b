namespace NetOps.Configuration;

/// <summary>One problem in a configuration file, with where it is.</summary>
public sealed record ConfigError(string Source, int Line, int Column, string Path, string Message)
{
    public override string ToString() => $"{Source}:{Line}:{Column}: {(Path.Length > 0 ? Path + ": " : "")}{Message}";
}

/// <summary>A configuration file that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
