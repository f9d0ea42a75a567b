namespace NetOps.Capture;

/// <summary>
/// Where a capture source delivers its frames (the analyzer pipeline). Every call comes from the
/// source's one capture thread, in capture order, so an implementation needs no locking of its own.
/// </summary>
public interface IFrameConsumer
{
    /// <summary>One frame. <paramref name="frame"/> points into the capture's buffer and is valid only during the call.</summary>
    void OnFrame(in FrameHeader header, ReadOnlySpan<byte> frame);

    /// <summary>Nothing arrived for the capture's read timeout: lets time move on (flows expire, intervals close) on a quiet link.</summary>
    void OnIdle(long nowNanos)
    {
    }

    /// <summary>The capture ended (stopped or failed); the last call.</summary>
    void OnEnd()
    {
    }
}
