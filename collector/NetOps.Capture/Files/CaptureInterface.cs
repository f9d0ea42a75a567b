namespace NetOps.Capture.Files;

/// <summary>One interface a pcapng section describes (an IDB).</summary>
/// <param name="Section">0 for the file's first section, 1 for the next...</param>
/// <param name="Id">Interface id within its section, as packets name it.</param>
/// <param name="LinkTypeNumber">The IDB's link type.</param>
/// <param name="LinkType">The decoded link type, or null when NetOps does not decode it (its frames are skipped and counted).</param>
/// <param name="Snaplen">The IDB's snaplen (0: none).</param>
/// <param name="TimestampResolution">if_tsresol (6 when absent: microseconds; high bit set: 2^-n).</param>
/// <param name="TimestampOffsetSeconds">if_tsoffset (0 when absent).</param>
/// <param name="Name">if_name, when present.</param>
public sealed record CaptureInterface(int Section, int Id, uint LinkTypeNumber, LinkType? LinkType, uint Snaplen,
    byte TimestampResolution, long TimestampOffsetSeconds, string? Name);
