using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NetOps.Store.Spool;

/// <summary>What opening a spool found on disk.</summary>
public sealed record SpoolRecovery(int Batches, long Lines, long Bytes, long TornBytesTruncated, long CorruptBytesQuarantined);

/// <summary>
/// A crash-safe, ordered, size-capped queue of batches on disk. Appends are written and fsynced
/// before they count as accepted; a cursor file (replaced atomically) marks what the server has
/// acknowledged. After a crash, the tail of the last segment is checked record by record and a torn
/// record is cut off (it was never reported as accepted), so what was accepted is replayed in order.
/// </summary>
public sealed class DiskSpool : IDisposable
{
    private const string SegmentSuffix = ".seg";
    private readonly object _gate = new();
    private readonly string _directory;
    private readonly string _segmentsDirectory;
    private readonly string _cursorPath;
    private readonly long _segmentBytes;
    private readonly bool _fsync;
    private readonly ILogger _logger;
    private readonly Queue<IndexEntry> _index = new();
    private TaskCompletionSource _dataSignal = NewSignal();
    private TaskCompletionSource _spaceSignal = NewSignal();
    private FileStream? _writeStream;
    private long _writeSegment;
    private long _pendingBytes;
    private long _pendingLines;
    private bool _opened;

    public DiskSpool(string directory, long capacityBytes, ILogger logger, long segmentBytes = 32L * 1024 * 1024, bool fsync = true)
    {
        if (capacityBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(capacityBytes));
        _directory = Path.GetFullPath(directory);
        _segmentsDirectory = Path.Combine(_directory, "segments");
        _cursorPath = Path.Combine(_directory, "cursor");
        CapacityBytes = capacityBytes;
        _segmentBytes = segmentBytes;
        _fsync = fsync;
        _logger = logger;
    }

    public string Directory => _directory;
    public long CapacityBytes { get; }

    public long PendingBytes { get { lock (_gate) return _pendingBytes; } }
    public long PendingLines { get { lock (_gate) return _pendingLines; } }
    public int PendingBatches { get { lock (_gate) return _index.Count; } }

    public SpoolRecovery Open()
    {
        lock (_gate)
        {
            if (_opened)
                throw new InvalidOperationException("Spool is already open.");
            System.IO.Directory.CreateDirectory(_segmentsDirectory);
            var cursor = ReadCursor();
            var segments = ListSegments();
            long torn = 0, quarantined = 0;
            foreach (var segment in segments)
            {
                if (segment < cursor.Segment)
                {
                    File.Delete(SegmentPath(segment));
                    continue;
                }
                var start = segment == cursor.Segment ? cursor.Offset : 0;
                var isLast = segment == segments[^1];
                ScanSegment(segment, start, isLast, ref torn, ref quarantined);
            }
            _writeSegment = segments.Count > 0 ? Math.Max(segments[^1], cursor.Segment) : Math.Max(1, cursor.Segment);
            _opened = true;
            if (_index.Count > 0)
                _dataSignal.TrySetResult();
            var recovery = new SpoolRecovery(_index.Count, _pendingLines, _pendingBytes, torn, quarantined);
            if (torn > 0 || quarantined > 0)
                _logger.LogWarning("Spool {Directory}: cut {Torn} bytes of a torn last record, quarantined {Corrupt} corrupt bytes", _directory, torn, quarantined);
            return recovery;
        }
    }

    /// <summary>Appends a batch durably. Returns false, writing nothing, when it would exceed the capacity.</summary>
    public bool TryAppend(string retentionPolicy, int lines, bool gzip, ReadOnlySpan<byte> payload)
    {
        var record = SpoolRecordFormat.Encode(retentionPolicy, lines, gzip, payload);
        lock (_gate)
        {
            EnsureOpen();
            if (_pendingBytes + record.Length > CapacityBytes)
                return false;
            var stream = WriteStreamFor(record.Length);
            var offset = stream.Position;
            try
            {
                stream.Write(record);
                stream.Flush(flushToDisk: _fsync);
            }
            catch
            {
                // Leave no half-written record behind a failed write (disk full, I/O error).
                stream.SetLength(offset);
                throw;
            }
            _index.Enqueue(new IndexEntry(new SpoolPosition(_writeSegment, offset), record.Length, lines));
            _pendingBytes += record.Length;
            _pendingLines += lines;
            _dataSignal.TrySetResult();
            return true;
        }
    }

    /// <summary>Whether a batch of this payload size can ever fit.</summary>
    public bool CanEverFit(int payloadLength, string retentionPolicy) =>
        SpoolRecordFormat.HeaderSize + Encoding.UTF8.GetByteCount(retentionPolicy) + payloadLength <= CapacityBytes;

    /// <summary>The oldest unacknowledged batch, or null when the spool is empty.</summary>
    public SpoolEntry? TryPeek()
    {
        lock (_gate)
        {
            EnsureOpen();
            return _index.Count == 0 ? null : ReadEntry(_index.Peek());
        }
    }

    /// <summary>Where the oldest unacknowledged batch sits, without reading it.</summary>
    public bool TryPeekPosition(out SpoolPosition position)
    {
        lock (_gate)
        {
            EnsureOpen();
            position = _index.Count > 0 ? _index.Peek().Position : default;
            return _index.Count > 0;
        }
    }

    public async Task<SpoolEntry> PeekAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                EnsureOpen();
                if (_index.Count > 0)
                    return ReadEntry(_index.Peek());
                if (_dataSignal.Task.IsCompleted)
                    _dataSignal = NewSignal();
                signal = _dataSignal.Task;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The oldest unacknowledged batch after <paramref name="after"/> (or the oldest of all when
    /// null), waiting until there is one. Lets a sender keep several batches in flight.
    /// </summary>
    public async Task<SpoolEntry> PeekAfterAsync(SpoolPosition? after, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                EnsureOpen();
                foreach (var entry in _index)
                {
                    if (after is null || entry.Position.CompareTo(after.Value) > 0)
                        return ReadEntry(entry);
                }
                if (_dataSignal.Task.IsCompleted)
                    _dataSignal = NewSignal();
                signal = _dataSignal.Task;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until a record of this payload size fits.</summary>
    public async Task WaitForSpaceAsync(int payloadLength, string retentionPolicy, CancellationToken cancellationToken)
    {
        var needed = SpoolRecordFormat.HeaderSize + Encoding.UTF8.GetByteCount(retentionPolicy) + payloadLength;
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_pendingBytes + needed <= CapacityBytes)
                    return;
                if (_spaceSignal.Task.IsCompleted)
                    _spaceSignal = NewSignal();
                signal = _spaceSignal.Task;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the oldest batch as stored (or deliberately dropped); it is never sent again.</summary>
    public void Acknowledge(SpoolEntry entry)
    {
        lock (_gate)
        {
            EnsureOpen();
            if (_index.Count == 0 || _index.Peek().Position != entry.Position)
                throw new InvalidOperationException("Only the oldest spooled batch can be acknowledged.");
            var head = _index.Dequeue();
            _pendingBytes -= head.Length;
            _pendingLines -= head.Lines;
            var next = _index.Count > 0 ? _index.Peek().Position : entry.Next;
            WriteCursor(next);
            if (next.Segment != head.Position.Segment)
                DeleteSegmentsBefore(next.Segment);
            _spaceSignal.TrySetResult();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writeStream?.Dispose();
            _writeStream = null;
        }
    }

    private void EnsureOpen()
    {
        if (!_opened)
            throw new InvalidOperationException("Open the spool first.");
    }

    private FileStream WriteStreamFor(int recordLength)
    {
        if (_writeStream is not null && _writeStream.Length > 0 && _writeStream.Length + recordLength > _segmentBytes)
        {
            _writeStream.Dispose();
            _writeStream = null;
            _writeSegment++;
        }
        if (_writeStream is null)
        {
            _writeStream = new FileStream(SegmentPath(_writeSegment), FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _writeStream.Seek(0, SeekOrigin.End);
        }
        return _writeStream;
    }

    private SpoolEntry ReadEntry(IndexEntry entry)
    {
        var record = new byte[entry.Length];
        using (var handle = File.OpenHandle(SegmentPath(entry.Position.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            var read = 0;
            while (read < record.Length)
            {
                var n = RandomAccess.Read(handle, record.AsSpan(read), entry.Position.Offset + read);
                if (n == 0)
                    throw new IOException($"Spool segment {entry.Position.Segment} ended inside a record that was complete when it was written.");
                read += n;
            }
        }
        SpoolRecordFormat.TryReadHeader(record, out var flags, out var rpLength, out var lines, out _);
        var rp = Encoding.UTF8.GetString(record, SpoolRecordFormat.HeaderSize, rpLength);
        var payload = record.AsSpan(SpoolRecordFormat.HeaderSize + rpLength).ToArray();
        var next = entry.Position with { Offset = entry.Position.Offset + entry.Length };
        return new SpoolEntry(entry.Position, next, rp, lines, (flags & SpoolRecordFormat.FlagGzip) != 0, payload);
    }

    private void ScanSegment(long segment, long start, bool isLast, ref long torn, ref long quarantined)
    {
        var path = SegmentPath(segment);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var length = stream.Length;
        var offset = Math.Min(start, length);
        var header = new byte[SpoolRecordFormat.HeaderSize];
        while (offset < length)
        {
            stream.Position = offset;
            var bad = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
                || !SpoolRecordFormat.TryReadHeader(header, out _, out var rpLength, out var lines, out var payloadLength);
            if (!bad)
            {
                SpoolRecordFormat.TryReadHeader(header, out _, out rpLength, out lines, out payloadLength);
                var recordLength = SpoolRecordFormat.HeaderSize + rpLength + payloadLength;
                if (offset + recordLength > length)
                {
                    bad = true;
                }
                else
                {
                    var record = new byte[recordLength];
                    stream.Position = offset;
                    stream.ReadExactly(record);
                    if (SpoolRecordFormat.IsIntact(record))
                    {
                        _index.Enqueue(new IndexEntry(new SpoolPosition(segment, offset), recordLength, lines));
                        _pendingBytes += recordLength;
                        _pendingLines += lines;
                        offset += recordLength;
                        continue;
                    }
                    bad = true;
                }
            }
            // The rest of this segment cannot be framed any more.
            var rest = length - offset;
            if (isLast)
            {
                torn += rest;
            }
            else
            {
                quarantined += rest;
                Quarantine(stream, segment, offset, rest);
            }
            stream.SetLength(offset);
            stream.Flush(flushToDisk: true);
            break;
        }
    }

    private void Quarantine(FileStream stream, long segment, long offset, long length)
    {
        var folder = Path.Combine(_directory, "quarantine");
        System.IO.Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{segment:D20}-{offset}.bin");
        stream.Position = offset;
        using var output = File.Create(target);
        var buffer = new byte[81920];
        var remaining = length;
        while (remaining > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (n == 0)
                break;
            output.Write(buffer, 0, n);
            remaining -= n;
        }
        _logger.LogError("Spool {Directory}: {Bytes} corrupt bytes in segment {Segment} moved to {Target}", _directory, length, segment, target);
    }

    private List<long> ListSegments()
    {
        var list = new List<long>();
        foreach (var file in System.IO.Directory.EnumerateFiles(_segmentsDirectory, "*" + SegmentSuffix))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                list.Add(id);
        }
        list.Sort();
        return list;
    }

    private void DeleteSegmentsBefore(long segment)
    {
        foreach (var id in ListSegments())
        {
            if (id >= segment)
                break;
            if (id == _writeSegment)
                continue;
            File.Delete(SegmentPath(id));
        }
    }

    private string SegmentPath(long segment) => Path.Combine(_segmentsDirectory, segment.ToString("D20", CultureInfo.InvariantCulture) + SegmentSuffix);

    private SpoolPosition ReadCursor()
    {
        if (!File.Exists(_cursorPath))
            return new SpoolPosition(0, 0);
        var bytes = File.ReadAllBytes(_cursorPath);
        if (bytes.Length == 20 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)) == Crc32.HashToUInt32(bytes.AsSpan(0, 16)))
            return new SpoolPosition(BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
        // A damaged cursor means replaying from the oldest segment: InfluxDB overwrites identical points, so nothing doubles.
        _logger.LogWarning("Spool {Directory}: cursor file unreadable, replaying from the oldest batch", _directory);
        return new SpoolPosition(0, 0);
    }

    private void WriteCursor(SpoolPosition position)
    {
        var bytes = new byte[20];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, position.Segment);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), position.Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), Crc32.HashToUInt32(bytes.AsSpan(0, 16)));
        var temp = _cursorPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: _fsync);
        }
        File.Move(temp, _cursorPath, overwrite: true);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct IndexEntry(SpoolPosition Position, int Length, int Lines);
}
