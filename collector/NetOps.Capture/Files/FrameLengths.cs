namespace NetOps.Capture.Files;

internal static class FrameLengths
{
    /// <summary>The wire length to report: never below the captured length, anomalies counted.</summary>
    public static int Original(uint original, int captured, CaptureStatistics statistics)
    {
        if (original < (uint)captured)
        {
            statistics.Count(MalformedReason.OriginalShorterThanCaptured);
            return captured;
        }
        if (original > CaptureFileReader.MaxFrameLength)
        {
            statistics.Count(MalformedReason.OriginalLengthImplausible);
            return original > int.MaxValue ? int.MaxValue : (int)original;
        }
        return (int)original;
    }
}
