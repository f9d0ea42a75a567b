using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Mining;
using NetOps.Analyzer.Rules.DomainLists;

namespace NetOps.Analyzer.Session;

/// <summary>
/// The detectors every analysis runs (mining, plaintext credentials, prohibited sites…), each
/// reporting to the session's sink. A detector joins by being added here.
/// </summary>
public static class Detectors
{
    /// <param name="rules">The rules/ folder: mining/*.list and mining/behaviour.yaml.</param>
    /// <param name="serverNames">Flows' server names (the application detectors), when the session has them.</param>
    public static IReadOnlyList<IPayloadInspector> Create(IDetectionSink sink, string rules, IServerNames? serverNames = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var mining = Path.Combine(rules, "mining");
        return
        [
            new MiningInspector(sink, DomainListSet.Load(mining, MiningInspector.Kind), serverNames,
                policy: MiningBehaviourPolicy.Load(Path.Combine(mining, "behaviour.yaml"))),
        ];
    }
}
