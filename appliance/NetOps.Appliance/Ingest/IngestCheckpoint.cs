using System.Text.Json;

namespace NetOps.Appliance.Ingest;

/// <summary>
/// How far an ingest of one file has got: every line before <see cref="Offset"/> is durably in the
/// spool (or stored). Written atomically after each flush, so a killed ingest resumes where its
/// spool ends; lines between the last checkpoint and the kill are sent again, which InfluxDB
/// absorbs because they carry the same timestamps.
/// </summary>
internal sealed record IngestCheckpoint(string Path, long Size, long ModifiedTicks, long Offset, long Lines, long Malformed, long NextLine, long StartedNs, bool Completed)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static IngestCheckpoint? Load(string file)
    {
        if (!File.Exists(file))
            return null;
        try
        {
            return JsonSerializer.Deserialize<IngestCheckpoint>(File.ReadAllText(file));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Matches(FileInfo input) =>
        Path == input.FullName && Size == input.Length && ModifiedTicks == input.LastWriteTimeUtc.Ticks;

    public void Save(string file)
    {
        var temp = file + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, file, overwrite: true);
    }
}
