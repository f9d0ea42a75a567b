using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetOps.WebConsole.Health;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ApplianceHealth))]
[JsonSerializable(typeof(VersionInfo))]
internal sealed partial class HealthJson : JsonSerializerContext;

internal sealed record VersionInfo(string Version);
