namespace NetOps.Capture;

/// <summary>
/// Counters of one frame reader: frames and wire bytes handed out, malformed records by reason,
/// and why the reader stopped early, if it did. Updated by the reader only; read from any thread
/// (values are plain longs, read them once the reader is done or accept a momentary skew).
/// </summary>
public sealed class CaptureStatistics
{
    private static readonly MalformedReason[] Reasons = Enum.GetValues<MalformedReason>();
    private readonly long[] _malformed = new long[Reasons.Length];

    /// <summary>Frames handed out.</summary>
    public long Frames { get; private set; }

    /// <summary>Sum of the handed-out frames' wire lengths (tshark's frame.len).</summary>
    public long Bytes { get; private set; }

    /// <summary>Sum of the handed-out frames' captured lengths.</summary>
    public long CapturedBytes { get; private set; }

    /// <summary>All malformed records, whatever the reason.</summary>
    public long Malformed { get; private set; }

    /// <summary>Set when the reader stopped before the end of its input: the reason and a message naming the offset.</summary>
    public MalformedReason? StoppedBy { get; private set; }

    public string? StopMessage { get; private set; }

    public long this[MalformedReason reason] => _malformed[(int)reason];

    /// <summary>The reasons with a non-zero count.</summary>
    public IEnumerable<KeyValuePair<MalformedReason, long>> MalformedByReason()
    {
        foreach (var reason in Reasons)
        {
            if (_malformed[(int)reason] > 0)
                yield return new(reason, _malformed[(int)reason]);
        }
    }

    internal void CountFrame(int originalLength, int capturedLength)
    {
        Frames++;
        Bytes += originalLength;
        CapturedBytes += capturedLength;
    }

    internal void Count(MalformedReason reason)
    {
        _malformed[(int)reason]++;
        Malformed++;
    }

    internal void Stop(MalformedReason reason, string message)
    {
        Count(reason);
        StoppedBy = reason;
        StopMessage = message;
    }

    public override string ToString()
    {
        var text = $"{Frames} frames, {Bytes} bytes, {Malformed} malformed";
        if (Malformed > 0)
            text += " (" + string.Join(", ", MalformedByReason().Select(p => $"{p.Key} {p.Value}")) + ")";
        return StoppedBy is null ? text : text + "; stopped: " + StopMessage;
    }
}
