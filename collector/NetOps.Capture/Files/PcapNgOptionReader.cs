using System.Buffers.Binary;

namespace NetOps.Capture.Files;

/// <summary>
/// Walks the options of a pcapng block (code, length, value padded to 32 bits) without allocating.
/// Stops at opt_endofopt or the end of the span; an option running past the end sets <see cref="Invalid"/>.
/// </summary>
internal ref struct PcapNgOptionReader(ReadOnlySpan<byte> options, bool bigEndian)
{
    public const ushort EndOfOptions = 0;

    private ReadOnlySpan<byte> _rest = options;

    public bool Invalid { get; private set; }

    public bool TryNext(out ushort code, out ReadOnlySpan<byte> value)
    {
        code = 0;
        value = default;
        if (_rest.Length < 4)
        {
            // Fewer than 4 bytes left: padding or nothing; anything else is not an option.
            Invalid |= _rest.Length > 0 && _rest.IndexOfAnyExcept((byte)0) >= 0;
            return false;
        }
        code = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_rest) : BinaryPrimitives.ReadUInt16LittleEndian(_rest);
        var length = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_rest[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(_rest[2..]);
        if (code == EndOfOptions)
            return false;
        var padded = (length + 3) & ~3;
        if (4 + padded > _rest.Length)
        {
            // Tolerate a last option whose padding is missing; otherwise it runs past its block.
            if (4 + length > _rest.Length)
            {
                Invalid = true;
                return false;
            }
            padded = _rest.Length - 4;
        }
        value = _rest.Slice(4, length);
        _rest = _rest[(4 + padded)..];
        return true;
    }
}
