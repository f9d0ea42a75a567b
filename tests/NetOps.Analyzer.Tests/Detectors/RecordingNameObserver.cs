using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Tests.Detectors;

/// <summary>Keeps every server name the registry forwards, with its flow's endpoints.</summary>
internal sealed class RecordingNameObserver : IServerNameObserver
{
    public List<(PayloadContext Context, string Name, ServerNameSource Source)> Seen { get; } = [];

    public void OnServerName(in PayloadContext context, string name, ServerNameSource source) => Seen.Add((context, name, source));

    public IEnumerable<string> Names(ServerNameSource source) => Seen.Where(s => s.Source == source).Select(s => s.Name);
}
