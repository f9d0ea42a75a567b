using NetOps.Analyzer.Detectors;
using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Traffic;

namespace NetOps.Analyzer.Session;

/// <summary>
/// One analysis as the appliance runs it, the same for capture files (<c>netops analyze</c>), the
/// live path (<c>netops up</c>) and the benchmarks: the pipeline with the port policy from rules/,
/// DNS figures counted by the traffic aggregator, and every detector of <see cref="Detectors"/> reporting into one <see cref="DetectionLog"/>;
/// <see cref="Radius"/> reports the RADIUS Accounting-Requests seen on the wire (null without detectors).
/// </summary>
public sealed record AnalysisSession(AnalysisPipeline Pipeline, DetectionLog Detections, IdentityTimeline Identity, ApplicationDetectors Applications,
    RadiusInspector? Radius = null)
{
    /// <param name="rules">The rules/ folder (policy: rules/applications/ports.yaml…).</param>
    /// <param name="interval">Length of a traffic interval (capture time).</param>
    /// <param name="captureDrops">The live capture's drop counter; null for files.</param>
    /// <param name="identity">The appliance's identity timeline (also fed by the RADIUS accounting receiver); a new one when null.</param>
    /// <param name="detectors">False: traffic figures only, no detector plugged in (no detections, applications by port alone) — what detection costs is measured against it.</param>
    public static AnalysisSession Create(string rules, TimeSpan interval, Func<long>? captureDrops = null, IdentityTimeline? identity = null, bool detectors = true)
    {
        var options = new AnalysisOptions
        {
            Interval = interval,
            Applications = ApplicationPorts.Load(Path.Combine(rules, "applications", "ports.yaml")),
        };
        var pipeline = new AnalysisPipeline(options, captureDrops);
        identity ??= new IdentityTimeline();
        var applications = new ApplicationDetectors();
        var detections = new DetectionLog(identity, applications.Names);
        if (!detectors)
            return new AnalysisSession(pipeline, detections, identity, applications);
        pipeline.ServerNames = applications.Names;
        var inspectors = Detectors.Create(rules, detections, identity, applications);
        foreach (var detector in inspectors)
            pipeline.AddInspector(detector);
        return new AnalysisSession(pipeline, detections, identity, applications, inspectors.OfType<RadiusInspector>().Single());
    }
}
