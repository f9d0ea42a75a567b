using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NetOps.Store.Writing;

/// <summary>
/// Keeps batches the server refused (HTTP 400) next to the spool, with the server's reason, so an
/// operator can see and repair them. Size-capped: the oldest files go first.
/// </summary>
internal sealed class DeadLetterBox(string directory, long capacityBytes, ILogger logger)
{
    private readonly object _gate = new();
    private long _sequence;

    public string Directory { get; } = directory;

    public void Keep(ReadOnlySpan<byte> lines, string reason, string retentionPolicy)
    {
        lock (_gate)
        {
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                var name = $"{stamp}-{Interlocked.Increment(ref _sequence):D6}";
                File.WriteAllBytes(Path.Combine(Directory, name + ".lp"), lines.ToArray());
                File.WriteAllText(Path.Combine(Directory, name + ".reason.txt"),
                    $"retention_policy: {retentionPolicy}\nreason: {reason}\n");
                Trim();
            }
            catch (IOException e)
            {
                logger.LogError(e, "Could not keep a refused batch in {Directory}", Directory);
            }
        }
    }

    private void Trim()
    {
        var files = new DirectoryInfo(Directory).GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (total <= capacityBytes)
                break;
            total -= file.Length;
            file.Delete();
        }
    }
}
