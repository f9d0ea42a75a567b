namespace NetOps.Store.LineProtocol;

public enum LineReadStatus
{
    /// <summary>A well-formed point was read.</summary>
    Point,
    /// <summary>A blank or comment line was skipped.</summary>
    Skipped,
    /// <summary>The buffer ends inside a point; read more input and call again.</summary>
    NeedMoreData,
    /// <summary>The point is malformed; <see cref="LineProtocolReader.Error"/> says why.</summary>
    Malformed,
    /// <summary>Nothing left.</summary>
    End,
}

/// <summary>
/// Forward-only reader over line protocol in a UTF-8 buffer: finds where each point ends (a newline
/// outside a quoted string field), checks its structure the way InfluxDB parses it, and reports
/// whether it carries a timestamp. It never allocates; a malformed point is reported with a reason
/// and skipped to the next line so one bad line never hides the rest.
/// </summary>
public ref struct LineProtocolReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly bool _isFinalBlock;
    private int _position;

    public LineProtocolReader(ReadOnlySpan<byte> buffer, bool isFinalBlock)
    {
        _buffer = buffer;
        _isFinalBlock = isFinalBlock;
        _position = 0;
        PointStart = 0;
        PointLength = 0;
        HasTimestamp = false;
        Error = null;
    }

    /// <summary>Bytes consumed so far, including line endings; unread input starts here.</summary>
    public readonly int Consumed => _position;

    /// <summary>Start and length of the last point or malformed line, without its line ending.</summary>
    public int PointStart { get; private set; }
    public int PointLength { get; private set; }
    public bool HasTimestamp { get; private set; }
    public string? Error { get; private set; }

    public readonly ReadOnlySpan<byte> PointBytes => _buffer.Slice(PointStart, PointLength);

    public LineReadStatus Read()
    {
        Error = null;
        HasTimestamp = false;
        if (_position >= _buffer.Length)
            return LineReadStatus.End;

        var start = _position;
        var status = Scan(start, out var end, out var hasTimestamp, out var error);
        if (status == LineReadStatus.NeedMoreData)
            return status;

        // end points at '\n' or at the end of the buffer.
        var next = end < _buffer.Length ? end + 1 : end;
        var length = end - start;
        if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
            length--;
        PointStart = start;
        PointLength = length;
        _position = next;
        HasTimestamp = hasTimestamp;
        Error = error;
        return status;
    }

    private readonly LineReadStatus Scan(int start, out int end, out bool hasTimestamp, out string? error)
    {
        hasTimestamp = false;
        error = null;
        var b = _buffer;
        var i = start;

        // Blank and comment lines.
        var lineEnd = b.Slice(start).IndexOf((byte)'\n');
        var first = FirstNonSpace(start);
        if (first >= b.Length || b[first] == (byte)'\n' || b[first] == (byte)'#' || (b[first] == (byte)'\r' && first + 1 < b.Length && b[first + 1] == (byte)'\n'))
        {
            if (lineEnd < 0 && !_isFinalBlock)
            {
                end = 0;
                return LineReadStatus.NeedMoreData;
            }
            end = lineEnd < 0 ? b.Length : start + lineEnd;
            return LineReadStatus.Skipped;
        }

        // Measurement.
        var measurementStart = i;
        while (i < b.Length && b[i] != (byte)',' && b[i] != (byte)' ' && b[i] != (byte)'\n')
            i = b[i] == (byte)'\\' ? i + 2 : i + 1;
        if (i >= b.Length)
            return Incomplete(out end, ref error, "missing fields");
        if (i == measurementStart)
            return Bad(start, out end, ref error, "missing measurement");
        if (b[i] == (byte)'\n')
            return Bad(start, out end, ref error, "missing fields");

        // Tags.
        while (b[i] == (byte)',')
        {
            i++;
            var keyStart = i;
            while (i < b.Length && b[i] != (byte)'=' && b[i] != (byte)',' && b[i] != (byte)' ' && b[i] != (byte)'\n')
                i = b[i] == (byte)'\\' ? i + 2 : i + 1;
            if (i >= b.Length)
                return Incomplete(out end, ref error, "missing fields");
            if (b[i] != (byte)'=' || i == keyStart)
                return Bad(start, out end, ref error, "invalid tag format");
            i++;
            var valueStart = i;
            while (i < b.Length && b[i] != (byte)',' && b[i] != (byte)' ' && b[i] != (byte)'\n' && b[i] != (byte)'=')
                i = b[i] == (byte)'\\' ? i + 2 : i + 1;
            if (i >= b.Length)
                return Incomplete(out end, ref error, "missing fields");
            if (i == valueStart || b[i] == (byte)'=' || b[i] == (byte)'\n')
                return Bad(start, out end, ref error, "invalid tag format");
        }

        // Fields.
        while (i < b.Length && b[i] == (byte)' ')
            i++;
        if (i >= b.Length)
            return Incomplete(out end, ref error, "missing fields");
        while (true)
        {
            var keyStart = i;
            while (i < b.Length && b[i] != (byte)'=' && b[i] != (byte)',' && b[i] != (byte)' ' && b[i] != (byte)'\n')
                i = b[i] == (byte)'\\' ? i + 2 : i + 1;
            if (i >= b.Length)
                return Incomplete(out end, ref error, "missing field value");
            if (b[i] != (byte)'=' || i == keyStart)
                return Bad(start, out end, ref error, "invalid field format");
            i++;
            if (i >= b.Length)
                return Incomplete(out end, ref error, "missing field value");
            if (b[i] == (byte)'"')
            {
                i++;
                while (i < b.Length && b[i] != (byte)'"')
                    i = b[i] == (byte)'\\' ? i + 2 : i + 1;
                if (i >= b.Length)
                {
                    // At the end of all input an unclosed quote would swallow every following
                    // line; report just its own line and read on after it.
                    return _isFinalBlock
                        ? Bad(start, out end, ref error, "unterminated string field")
                        : Incomplete(out end, ref error, "unterminated string field");
                }
                i++;
            }
            else
            {
                var valueStart = i;
                while (i < b.Length && b[i] != (byte)',' && b[i] != (byte)' ' && b[i] != (byte)'\n' && b[i] != (byte)'\r')
                    i++;
                if (i >= b.Length && !_isFinalBlock)
                {
                    end = 0;
                    return LineReadStatus.NeedMoreData;
                }
                if (!IsValidScalar(b.Slice(valueStart, i - valueStart), out var scalarError))
                    return Bad(start, out end, ref error, scalarError);
            }
            if (i >= b.Length)
                break;
            if (b[i] == (byte)',')
            {
                i++;
                continue;
            }
            break;
        }

        // Timestamp.
        if (i < b.Length && b[i] == (byte)' ')
        {
            while (i < b.Length && b[i] == (byte)' ')
                i++;
            var tsStart = i;
            if (i < b.Length && b[i] == (byte)'-')
                i++;
            while (i < b.Length && b[i] >= (byte)'0' && b[i] <= (byte)'9')
                i++;
            var digits = i - tsStart;
            if (i >= b.Length && !_isFinalBlock)
            {
                end = 0;
                return LineReadStatus.NeedMoreData;
            }
            if (i < b.Length && b[i] == (byte)'\r')
                i++;
            if (i < b.Length && b[i] != (byte)'\n')
                return Bad(start, out end, ref error, "bad timestamp");
            if (digits > 0 && !(digits == 1 && b[tsStart] == (byte)'-'))
                hasTimestamp = true;
            else if (digits > 0)
                return Bad(start, out end, ref error, "bad timestamp");
            if (digits > 20)
                return Bad(start, out end, ref error, "bad timestamp");
        }
        else if (i < b.Length && b[i] == (byte)'\r')
        {
            i++;
        }

        if (i < b.Length && b[i] != (byte)'\n')
            return Bad(start, out end, ref error, "invalid field format");
        if (i >= b.Length && !_isFinalBlock)
        {
            end = 0;
            return LineReadStatus.NeedMoreData;
        }
        end = i;
        return LineReadStatus.Point;
    }

    private readonly int FirstNonSpace(int from)
    {
        var i = from;
        while (i < _buffer.Length && (_buffer[i] == (byte)' ' || _buffer[i] == (byte)'\t'))
            i++;
        return i;
    }

    private readonly LineReadStatus Incomplete(out int end, ref string? error, string reason)
    {
        if (!_isFinalBlock)
        {
            end = 0;
            return LineReadStatus.NeedMoreData;
        }
        end = _buffer.Length;
        error = reason;
        return LineReadStatus.Malformed;
    }

    private readonly LineReadStatus Bad(int start, out int end, ref string? error, string reason)
    {
        var newline = _buffer.Slice(start).IndexOf((byte)'\n');
        if (newline < 0 && !_isFinalBlock)
        {
            end = 0;
            return LineReadStatus.NeedMoreData;
        }
        end = newline < 0 ? _buffer.Length : start + newline;
        error = reason;
        return LineReadStatus.Malformed;
    }

    private static bool IsValidScalar(ReadOnlySpan<byte> v, out string error)
    {
        error = "invalid field value";
        if (v.IsEmpty)
        {
            error = "missing field value";
            return false;
        }
        if (IsBoolean(v))
            return true;
        var last = v[^1];
        if (last is (byte)'i' or (byte)'u')
        {
            var digits = v[..^1];
            if (digits.Length > 0 && digits[0] == (byte)'-' && last == (byte)'i')
                digits = digits[1..];
            if (digits.IsEmpty)
                return false;
            foreach (var d in digits)
            {
                if (d < (byte)'0' || d > (byte)'9')
                    return false;
            }
            if (last == (byte)'i' && !long.TryParse(v[..^1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                error = "integer out of range";
                return false;
            }
            return true;
        }
        foreach (var c in v)
        {
            if (!((c >= (byte)'0' && c <= (byte)'9') || c is (byte)'.' or (byte)'-' or (byte)'+' or (byte)'e' or (byte)'E'))
                return false;
        }
        if (!double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return false;
        if (!double.IsFinite(value))
        {
            error = "invalid float (out of range)";
            return false;
        }
        return true;
    }

    private static bool IsBoolean(ReadOnlySpan<byte> v) =>
        v.SequenceEqual("t"u8) || v.SequenceEqual("T"u8) || v.SequenceEqual("true"u8) || v.SequenceEqual("True"u8) || v.SequenceEqual("TRUE"u8) ||
        v.SequenceEqual("f"u8) || v.SequenceEqual("F"u8) || v.SequenceEqual("false"u8) || v.SequenceEqual("False"u8) || v.SequenceEqual("FALSE"u8);
}
