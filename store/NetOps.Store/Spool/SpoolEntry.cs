namespace NetOps.Store.Spool;

/// <summary>Where a record sits in the spool: its segment and byte offset.</summary>
public readonly record struct SpoolPosition(long Segment, long Offset) : IComparable<SpoolPosition>
{
    public int CompareTo(SpoolPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);
}

/// <summary>One batch read back from the spool, ready to send.</summary>
public sealed record SpoolEntry(
    SpoolPosition Position,
    SpoolPosition Next,
    string RetentionPolicy,
    int Lines,
    bool Gzip,
    byte[] Payload);
