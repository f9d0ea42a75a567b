using System.Buffers;
using System.Globalization;
using System.Text;

namespace NetOps.Store.LineProtocol;

/// <summary>
/// Writes the parts of an InfluxDB line-protocol line into a UTF-8 buffer.
/// Escaping follows what InfluxDB 1.x/2.x/3.x parse: measurement escapes comma and space; tag keys,
/// tag values and field keys escape comma, equals sign and space; string field values escape the
/// double quote and the backslash. A backslash is never escaped outside string values, because the
/// server does not unescape it there; a backslash that would end up before a separator is refused.
/// </summary>
public static class LineProtocolEncoder
{
    public static void WriteMeasurement(IBufferWriter<byte> output, string measurement)
    {
        ValidateIdentifier(measurement, "measurement", isMeasurement: true);
        WriteEscaped(output, measurement, isMeasurement: true);
    }

    public static void WriteTag(IBufferWriter<byte> output, string key, string value)
    {
        ValidateIdentifier(key, "tag key", isMeasurement: false);
        ValidateIdentifier(value, "tag value", isMeasurement: false);
        WriteByte(output, (byte)',');
        WriteEscaped(output, key, isMeasurement: false);
        WriteByte(output, (byte)'=');
        WriteEscaped(output, value, isMeasurement: false);
    }

    public static void WriteFieldKey(IBufferWriter<byte> output, string key)
    {
        ValidateIdentifier(key, "field key", isMeasurement: false);
        WriteEscaped(output, key, isMeasurement: false);
        WriteByte(output, (byte)'=');
    }

    public static void WriteFieldValue(IBufferWriter<byte> output, in FieldValue value)
    {
        switch (value.Kind)
        {
            case FieldKind.Float:
                WriteFloat(output, value.Float);
                break;
            case FieldKind.Integer:
                WriteInteger(output, value.Integer);
                WriteByte(output, (byte)'i');
                break;
            case FieldKind.Boolean:
                WriteAscii(output, value.Boolean ? "true" : "false");
                break;
            case FieldKind.String:
                WriteString(output, value.String!);
                break;
            default:
                throw new InvalidOperationException($"Unknown field kind {value.Kind}.");
        }
    }

    public static void WriteTimestamp(IBufferWriter<byte> output, long unixNanoseconds)
    {
        WriteByte(output, (byte)' ');
        WriteInteger(output, unixNanoseconds);
    }

    /// <summary>Throws when a name or tag value cannot be written as line protocol.</summary>
    public static void ValidateIdentifier(string text, string what, bool isMeasurement)
    {
        if (string.IsNullOrEmpty(text))
            throw new ArgumentException($"Line protocol {what} must not be empty.");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
                throw new ArgumentException($"Line protocol {what} must not contain a line break: '{Printable(text)}'.");
            if (c == '\\' && (i == text.Length - 1 || IsEscapedChar(text[i + 1], isMeasurement)))
                throw new ArgumentException(
                    $"Line protocol {what} '{Printable(text)}' has a backslash before a separator or at its end, which InfluxDB cannot read back.");
        }
        if (!isMeasurement && what != "tag value" && text == "time")
            throw new ArgumentException($"'time' is not allowed as a {what}: InfluxDB reserves it.");
    }

    private static bool IsEscapedChar(char c, bool isMeasurement) =>
        c == ',' || c == ' ' || (!isMeasurement && c == '=');

    private static string Printable(string text) => text.Replace("\n", "\\n").Replace("\r", "\\r");

    private static void WriteEscaped(IBufferWriter<byte> output, string text, bool isMeasurement)
    {
        // Fast path: nothing to escape.
        var needsEscape = isMeasurement ? text.AsSpan().IndexOfAny(", ") >= 0 : text.AsSpan().IndexOfAny(", =") >= 0;
        if (!needsEscape)
        {
            WriteUtf8(output, text);
            return;
        }
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsEscapedChar(text[i], isMeasurement))
                continue;
            WriteUtf8(output, text.AsSpan(start, i - start));
            WriteByte(output, (byte)'\\');
            WriteByte(output, (byte)text[i]);
            start = i + 1;
        }
        WriteUtf8(output, text.AsSpan(start));
    }

    private static void WriteString(IBufferWriter<byte> output, string value)
    {
        WriteByte(output, (byte)'"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is not ('"' or '\\'))
                continue;
            WriteUtf8(output, value.AsSpan(start, i - start));
            WriteByte(output, (byte)'\\');
            WriteByte(output, (byte)value[i]);
            start = i + 1;
        }
        WriteUtf8(output, value.AsSpan(start));
        WriteByte(output, (byte)'"');
    }

    private static void WriteFloat(IBufferWriter<byte> output, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Line protocol cannot carry {value}: InfluxDB refuses NaN and infinities.");
        var span = output.GetSpan(32);
        if (!value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A double did not fit in 32 bytes.");
        output.Advance(written);
    }

    private static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(24);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return;
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text) => WriteUtf8(output, text);

    internal static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }
}
