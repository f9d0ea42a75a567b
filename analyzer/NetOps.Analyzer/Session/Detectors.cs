using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Session;

/// <summary>
/// The detectors every analysis runs (mining, plaintext credentials, prohibited sites…), each
/// reporting to the session's sink. A detector joins by being added here; none has landed yet.
/// </summary>
public static class Detectors
{
    public static IReadOnlyList<IPayloadInspector> Create(IDetectionSink sink) => sink is null ? throw new ArgumentNullException(nameof(sink)) : [];
}
