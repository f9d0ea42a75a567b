using System.Text;

namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>
/// A domain name inside a DNS message, possibly compressed (RFC 1035 4.1.4): a view over the message
/// and the name's first byte, checked when read (every pointer points backwards to an earlier label,
/// at most <see cref="MaxPointers"/> of them, at most 255 bytes), formatted only when asked.
/// </summary>
public readonly ref struct DnsName
{
    /// <summary>Longest name on the wire, length bytes and root included (RFC 1035 2.3.4).</summary>
    public const int MaxWireLength = 255;

    /// <summary>Most compression pointers followed in one name (a name has at most 127 labels).</summary>
    public const int MaxPointers = 127;

    private readonly ReadOnlySpan<byte> _message;
    private readonly int _start;

    private DnsName(ReadOnlySpan<byte> message, int start, int wireLength, int labelCount)
    {
        _message = message;
        _start = start;
        WireLength = wireLength;
        LabelCount = labelCount;
    }

    /// <summary>Uncompressed length on the wire, length bytes and the root's 0 included (1 for the root).</summary>
    public int WireLength { get; }

    public int LabelCount { get; }

    public bool IsRoot => LabelCount == 0;

    /// <summary>
    /// Reads the name starting at <paramref name="offset"/>; <paramref name="next"/> is the offset after
    /// it in place (after the first pointer when compressed).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, int offset, out DnsName name, out int next, out DnsMalformedReason reason)
    {
        name = default;
        next = offset;
        var position = offset;
        var wireLength = 1;
        var labels = 0;
        var pointers = 0;
        // A pointer must go below the lowest offset this name has used so far: no loops, no forward references.
        var lowest = offset;
        while (true)
        {
            if (position >= message.Length)
            {
                reason = DnsMalformedReason.TruncatedName;
                return false;
            }
            var length = message[position];
            switch (length & 0xC0)
            {
                case 0xC0:
                    if (position + 1 >= message.Length)
                    {
                        reason = DnsMalformedReason.TruncatedName;
                        return false;
                    }
                    var target = ((length & 0x3F) << 8) | message[position + 1];
                    if (pointers == 0)
                        next = position + 2;
                    if (target >= lowest)
                    {
                        reason = DnsMalformedReason.BadNamePointer;
                        return false;
                    }
                    if (++pointers > MaxPointers)
                    {
                        reason = DnsMalformedReason.NameTooLong;
                        return false;
                    }
                    lowest = target;
                    position = target;
                    continue;
                case 0x40:
                case 0x80:
                    reason = DnsMalformedReason.BadLabelType;
                    return false;
            }
            if (length == 0)
            {
                if (pointers == 0)
                    next = position + 1;
                name = new DnsName(message, offset, wireLength, labels);
                reason = DnsMalformedReason.None;
                return true;
            }
            wireLength += 1 + length;
            if (wireLength > MaxWireLength)
            {
                reason = DnsMalformedReason.NameTooLong;
                return false;
            }
            if (position + 1 + length > message.Length)
            {
                reason = DnsMalformedReason.TruncatedName;
                return false;
            }
            labels++;
            position += 1 + length;
        }
    }

    /// <summary>Walks the labels of a name <see cref="TryRead"/> accepted.</summary>
    public LabelEnumerator GetEnumerator() => new(_message, _start);

    /// <summary>
    /// The name for display, as Wireshark shows it: labels joined by '.', each decoded as UTF-8 (invalid
    /// bytes become U+FFFD, so internationalised names written raw stay readable), control characters
    /// escaped C-style (\r, \n, \ooo octal); "" for the root. Dots or backslashes inside a label are not
    /// escaped: matching uses the labels (<see cref="EndsWithLabels"/>), never this text. Allocates.
    /// </summary>
    public override string ToString()
    {
        if (IsRoot)
            return "";
        var text = new StringBuilder(WireLength);
        foreach (var label in this)
        {
            if (text.Length > 0)
                text.Append('.');
            foreach (var c in Encoding.UTF8.GetString(label))
                AppendEscaped(text, c);
        }
        return text.ToString();
    }

    private static void AppendEscaped(StringBuilder text, char c)
    {
        if (c >= 0x20 && c != 0x7F)
        {
            text.Append(c);
            return;
        }
        text.Append('\\');
        switch (c)
        {
            case '\a': text.Append('a'); break;
            case '\b': text.Append('b'); break;
            case '\f': text.Append('f'); break;
            case '\n': text.Append('n'); break;
            case '\r': text.Append('r'); break;
            case '\t': text.Append('t'); break;
            case '\v': text.Append('v'); break;
            default: text.Append(Convert.ToString(c, 8).PadLeft(3, '0')); break;
        }
    }

    /// <summary>
    /// True when the name equals <paramref name="suffix"/> (ASCII, dot-separated, no trailing dot) or
    /// ends with it on a label boundary, ignoring ASCII case. Allocates nothing.
    /// </summary>
    public bool EndsWithLabels(ReadOnlySpan<char> suffix)
    {
        Span<byte> flat = stackalloc byte[MaxWireLength];
        var length = 0;
        foreach (var label in this)
        {
            if (length > 0)
                flat[length++] = (byte)'.';
            label.CopyTo(flat[length..]);
            length += label.Length;
        }
        var name = flat[..length];
        if (suffix.Length > name.Length)
            return false;
        var tail = name[(name.Length - suffix.Length)..];
        for (var i = 0; i < suffix.Length; i++)
        {
            if (char.ToLowerInvariant((char)tail[i]) != char.ToLowerInvariant(suffix[i]))
                return false;
        }
        return name.Length == suffix.Length || name[name.Length - suffix.Length - 1] == (byte)'.';
    }

    /// <summary>The labels of a checked name, following compression pointers.</summary>
    public ref struct LabelEnumerator
    {
        private readonly ReadOnlySpan<byte> _message;
        private int _position;

        internal LabelEnumerator(ReadOnlySpan<byte> message, int start)
        {
            _message = message;
            _position = start;
            Current = default;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_message.IsEmpty)
                return false;
            while ((_message[_position] & 0xC0) == 0xC0)
                _position = ((_message[_position] & 0x3F) << 8) | _message[_position + 1];
            var length = _message[_position];
            if (length == 0)
                return false;
            Current = _message.Slice(_position + 1, length);
            _position += 1 + length;
            return true;
        }
    }
}
