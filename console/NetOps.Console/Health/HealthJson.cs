using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetOps.WebConsole.Health;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ApplianceHealth))]
[JsonSerializable(typeof(VersionInfo))]
internal sealed partial class HealthJson : JsonSerializerContext
{
    /// <summary>Chinese text stays readable in the JSON instead of \uXXXX escapes.</summary>
    public static HealthJson Readable { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

internal sealed record VersionInfo(string Version);
