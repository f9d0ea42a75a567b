using NetOps.Capture;

namespace NetOps.Analyzer.Pipeline;

/// <summary>The live path: a capture source's frames, idle ticks and end fed to a pipeline (all from the capture thread).</summary>
public sealed class PipelineFrameConsumer(AnalysisPipeline pipeline) : IFrameConsumer
{
    /// <summary>Set once the capture ended.</summary>
    public AnalysisResult? Result { get; private set; }

    public void OnFrame(in FrameHeader header, ReadOnlySpan<byte> frame) => pipeline.Process(header, frame);

    public void OnIdle(long nowNanos) => pipeline.AdvanceTime(nowNanos);

    public void OnEnd() => Result = pipeline.Complete();
}
