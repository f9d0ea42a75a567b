using System.Reflection;
using NetOps.WebConsole.Health;
using NetOps.Store.Writing;

namespace NetOps.Appliance.Hosting;

/// <summary>Feeds the console's health page and API from the store writer's live sink status.</summary>
internal sealed class StoreHealthSource(StoreWriter writer, string school, string schoolName) : IHealthSource
{
    private static readonly string Version =
        typeof(StoreHealthSource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public ValueTask<ApplianceHealth> GetHealthAsync(CancellationToken cancellationToken)
    {
        var sinks = writer.Status().Select(s => new StoreSinkHealth(
            s.Name, s.Url, s.Database, s.Reachable, s.ServerVersion, s.State,
            s.SpoolBytes, s.SpoolCapacityBytes, s.SpoolBatches,
            s.LinesAccepted, s.LinesStored, s.LinesDropped + s.LinesDroppedSpoolFull,
            s.LastStoredAt, s.LastError)).ToList();
        var now = DateTimeOffset.UtcNow;
        return ValueTask.FromResult(new ApplianceHealth(ApplianceHealth.Derive(sinks), school, schoolName, Version, now, now - _started, sinks));
    }
}
