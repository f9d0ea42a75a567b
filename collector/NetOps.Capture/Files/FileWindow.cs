using Microsoft.Win32.SafeHandles;

namespace NetOps.Capture.Files;

/// <summary>
/// A forward-only window over a file: one reusable buffer filled with large positional reads
/// (<see cref="RandomAccess"/>), handing out spans of the bytes at the current position. The
/// buffer grows only when a record is larger than it, and never beyond <see cref="MaxRecord"/>.
/// </summary>
internal sealed class FileWindow : IDisposable
{
    public const int DefaultBufferSize = 1024 * 1024;

    private readonly SafeFileHandle _handle;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfFile;

    public FileWindow(string path, int bufferSize = DefaultBufferSize, int maxRecord = 16 * 1024 * 1024)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        _buffer = GC.AllocateUninitializedArray<byte>(bufferSize);
        MaxRecord = maxRecord;
        Length = RandomAccess.GetLength(_handle);
    }

    /// <summary>The largest span <see cref="TryPeek"/> hands out.</summary>
    public int MaxRecord { get; }

    /// <summary>File length when opened (for progress; the file may grow while it is read).</summary>
    public long Length { get; }

    /// <summary>Set when the operating system failed a read; the window then behaves as if the file ended.</summary>
    public string? ReadError { get; private set; }

    /// <summary>File offset of the current position.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>
    /// The <paramref name="count"/> bytes at the current position. False when the file ends first
    /// (<paramref name="span"/> then holds what is left, possibly nothing). Valid until the next call.
    /// </summary>
    public bool TryPeek(int count, out ReadOnlySpan<byte> span)
    {
        if (_end - _start >= count)
        {
            span = new ReadOnlySpan<byte>(_buffer, _start, count);
            return true;
        }
        return TryPeekSlow(count, out span);
    }

    /// <summary>Moves the position forward; past the buffered bytes it just skips in the file.</summary>
    public void Advance(long count)
    {
        var buffered = _end - _start;
        if (count <= buffered)
        {
            _start += (int)count;
            return;
        }
        _bufferOffset += _end + (count - buffered);
        _start = _end = 0;
    }

    private bool TryPeekSlow(int count, out ReadOnlySpan<byte> span)
    {
        if (count > MaxRecord)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"above the window's maximum record of {MaxRecord} bytes");
        if (!_endOfFile)
        {
            try
            {
                Compact(count);
                Fill();
            }
            catch (IOException e)
            {
                _endOfFile = true;
                ReadError = e.Message;
            }
        }
        var available = Math.Min(count, _end - _start);
        span = new ReadOnlySpan<byte>(_buffer, _start, available);
        return available == count;
    }

    private void Compact(int count)
    {
        var buffered = _end - _start;
        // Grow only for a record the file can hold: a bogus length in a short file allocates nothing.
        if (count > _buffer.Length && Position + count <= RandomAccess.GetLength(_handle))
        {
            var grown = GC.AllocateUninitializedArray<byte>(Math.Min(MaxRecord, Math.Max(count, _buffer.Length * 2)));
            Buffer.BlockCopy(_buffer, _start, grown, 0, buffered);
            _buffer = grown;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, buffered);
        }
        _bufferOffset += _start;
        _start = 0;
        _end = buffered;
    }

    private void Fill()
    {
        while (_end < _buffer.Length)
        {
            var read = RandomAccess.Read(_handle, _buffer.AsSpan(_end), _bufferOffset + _end);
            if (read == 0)
            {
                _endOfFile = true;
                return;
            }
            _end += read;
        }
    }

    public void Dispose() => _handle.Dispose();
}
