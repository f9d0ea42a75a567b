using System.Buffers;

namespace NetOps.Store.Writing;

/// <summary>A byte buffer writer that can be truncated, so a half-encoded line can be taken back.</summary>
internal sealed class GrowableBuffer : IBufferWriter<byte>
{
    private byte[] _buffer;

    public GrowableBuffer(int initialCapacity) => _buffer = new byte[Math.Max(256, initialCapacity)];

    public int Length { get; private set; }
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, Length);

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(Length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Truncate(int length) => Length = Math.Min(Length, length);

    private void Ensure(int sizeHint)
    {
        var needed = Length + Math.Max(1, sizeHint);
        if (needed <= _buffer.Length)
            return;
        Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
    }
}
