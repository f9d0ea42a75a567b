namespace NetOps.Capture.Live;

/// <summary>What one <see cref="LiveCapture.Read"/> produced.</summary>
public enum LiveRead
{
    /// <summary>A frame: the header and span are filled.</summary>
    Frame,
    /// <summary>The read timeout passed with nothing to deliver (a quiet link); read again.</summary>
    Timeout,
    /// <summary>The capture was stopped, or failed (<see cref="CaptureStatistics.StopMessage"/> says why), or a savefile ended. Every later read says so too.</summary>
    Stopped,
}
