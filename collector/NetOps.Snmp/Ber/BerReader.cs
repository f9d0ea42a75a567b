using System.Formats.Asn1;

namespace NetOps.Snmp.Ber;

/// <summary>
/// A forward-only reader over one BER-encoded level, built on <see cref="AsnDecoder.ReadEncodedValue"/>
/// (which handles every length form). Integer and OID contents are read leniently, the way
/// net-snmp accepts them from real devices: empty integers, redundant leading bytes, unsigned
/// counters without their leading zero byte and OID arcs padded with 0x80. Never allocates except
/// for values that are asked for as strings or arrays.
/// </summary>
public ref struct BerReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool HasData => !_rest.IsEmpty;

    /// <summary>Reads the next element; its tag and content.</summary>
    public bool TryRead(out Asn1Tag tag, out ReadOnlySpan<byte> content, out MalformedReason error)
    {
        tag = default;
        content = default;
        if (_rest.IsEmpty)
        {
            error = MalformedReason.Truncated;
            return false;
        }
        int offset, length, consumed;
        try
        {
            if (!AsnDecoder.TryReadEncodedValue(_rest, AsnEncodingRules.BER, out tag, out offset, out length, out consumed))
            {
                error = MalformedReason.BadLength;
                return false;
            }
        }
        catch (AsnContentException)
        {
            // The "Try" method still throws for lengths over 2 GiB and broken indefinite-length nesting.
            error = MalformedReason.BadLength;
            return false;
        }
        content = _rest.Slice(offset, length);
        _rest = _rest[consumed..];
        error = MalformedReason.None;
        return true;
    }

    /// <summary>Reads the next element and insists on its tag.</summary>
    public ReadOnlySpan<byte> Read(Asn1Tag expected)
    {
        if (!TryRead(out var tag, out var content, out var error))
            throw new SnmpDecodeException(error, "SNMP message ends early or has a bad length");
        if (tag.TagClass != expected.TagClass || tag.TagValue != expected.TagValue)
            throw new SnmpDecodeException(MalformedReason.UnexpectedTag, $"expected {expected}, found {tag}");
        return content;
    }

    public long ReadInteger() => ToSigned(Read(Asn1Tag.Integer));

    public static long ToSigned(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            return 0; // net-snmp reads an empty INTEGER as 0
        // Redundant leading 0x00/0xFF bytes are tolerated: only the value matters.
        while (content.Length > 8 && (content[0] == 0x00 || content[0] == 0xFF) && (content[1] & 0x80) == (content[0] & 0x80))
            content = content[1..];
        if (content.Length > 8)
            throw new SnmpDecodeException(MalformedReason.BadInteger, "INTEGER longer than 64 bits");
        long value = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++)
            value = (value << 8) | content[i];
        return value;
    }

    /// <summary>Unsigned counters: a device that forgot the leading zero byte still means the unsigned value.</summary>
    public static ulong ToUnsigned(ReadOnlySpan<byte> content, int maxBits)
    {
        while (content.Length > 1 && content[0] == 0x00)
            content = content[1..];
        if (content.Length > maxBits / 8)
            throw new SnmpDecodeException(MalformedReason.BadInteger, $"unsigned value wider than {maxBits} bits");
        ulong value = 0;
        foreach (var b in content)
            value = (value << 8) | b;
        return value;
    }

    public static uint[] ToObjectIdentifier(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            throw new SnmpDecodeException(MalformedReason.BadObjectIdentifier, "empty OBJECT IDENTIFIER");
        // Every content byte ends at most one arc, and the first ends two: the arcs fit in Length + 1.
        Span<uint> arcs = content.Length < 128 ? stackalloc uint[content.Length + 1] : new uint[content.Length + 1];
        var count = 0;
        ulong current = 0;
        var first = true;
        for (var i = 0; i < content.Length; i++)
        {
            current = (current << 7) | (uint)(content[i] & 0x7F);
            if (current > (ulong)uint.MaxValue + 80)
                throw new SnmpDecodeException(MalformedReason.BadObjectIdentifier, "OID arc larger than 32 bits");
            if ((content[i] & 0x80) != 0)
            {
                if (i == content.Length - 1)
                    throw new SnmpDecodeException(MalformedReason.BadObjectIdentifier, "OID ends inside an arc");
                continue;
            }
            if (first)
            {
                // The first subidentifier carries two arcs: 40 * X + Y.
                var x = current < 40 ? 0u : current < 80 ? 1u : 2u;
                if (current - 40 * x > uint.MaxValue)
                    throw new SnmpDecodeException(MalformedReason.BadObjectIdentifier, "OID arc larger than 32 bits");
                arcs[count++] = x;
                arcs[count++] = (uint)(current - 40 * x);
                first = false;
            }
            else
            {
                arcs[count++] = (uint)current;
            }
            current = 0;
        }
        return arcs[..count].ToArray();
    }
}
