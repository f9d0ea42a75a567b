using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Protocols.Dns;
using NetOps.Analyzer.Traffic;

namespace NetOps.Analyzer.Session;

/// <summary>
/// One analysis as the appliance runs it, the same for capture files (<c>netops analyze</c>), the
/// live path (<c>netops up</c>) and the benchmarks: the pipeline with the port policy from rules/,
/// the DNS counter, and every detector of <see cref="Detectors"/> reporting into one <see cref="DetectionLog"/>.
/// </summary>
public sealed record AnalysisSession(AnalysisPipeline Pipeline, DnsQueryCounter Dns, DetectionLog Detections)
{
    /// <param name="rules">The rules/ folder (policy: rules/applications/ports.yaml…).</param>
    /// <param name="interval">Length of a traffic interval (capture time).</param>
    /// <param name="captureDrops">The live capture's drop counter; null for files.</param>
    public static AnalysisSession Create(string rules, TimeSpan interval, Func<long>? captureDrops = null)
    {
        var options = new AnalysisOptions
        {
            Interval = interval,
            Applications = ApplicationPorts.Load(Path.Combine(rules, "applications", "ports.yaml")),
        };
        var pipeline = new AnalysisPipeline(options, captureDrops);
        var dns = new DnsQueryCounter();
        pipeline.AddInspector(dns);
        var detections = new DetectionLog();
        foreach (var detector in Detectors.Create(detections))
            pipeline.AddInspector(detector);
        return new AnalysisSession(pipeline, dns, detections);
    }
}
