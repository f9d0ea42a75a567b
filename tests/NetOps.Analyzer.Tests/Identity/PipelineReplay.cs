using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Pipeline;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Identity;

/// <summary>A capture file through the analysis pipeline with the given inspectors plugged in.</summary>
public static class PipelineReplay
{
    public static void Run(string path, params IPayloadInspector[] inspectors)
    {
        var pipeline = new AnalysisPipeline(new AnalysisOptions());
        foreach (var inspector in inspectors)
            pipeline.AddInspector(inspector);
        using var reader = CaptureFile.Open(path);
        pipeline.BeginSource(path);
        pipeline.Run(reader);
        pipeline.Complete();
    }
}
