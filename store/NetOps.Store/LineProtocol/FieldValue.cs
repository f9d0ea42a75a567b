namespace NetOps.Store.LineProtocol;

public enum FieldKind : byte { Float, Integer, Boolean, String }

/// <summary>One typed field value; a small struct so points do not box numbers.</summary>
public readonly struct FieldValue
{
    private FieldValue(FieldKind kind, double f, long i, bool b, string? s)
    {
        Kind = kind;
        Float = f;
        Integer = i;
        Boolean = b;
        String = s;
    }

    public FieldKind Kind { get; }
    public double Float { get; }
    public long Integer { get; }
    public bool Boolean { get; }
    public string? String { get; }

    public static FieldValue FromFloat(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Line protocol cannot carry {value}: InfluxDB refuses NaN and infinities.", nameof(value));
        return new(FieldKind.Float, value, 0, false, null);
    }

    public static FieldValue FromInteger(long value) => new(FieldKind.Integer, 0, value, false, null);
    public static FieldValue FromBoolean(bool value) => new(FieldKind.Boolean, 0, 0, value, null);
    public static FieldValue FromString(string value) => new(FieldKind.String, 0, 0, false, value ?? throw new ArgumentNullException(nameof(value)));

    public override string ToString() => Kind switch
    {
        FieldKind.Float => Float.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture) + "i",
        FieldKind.Boolean => Boolean ? "true" : "false",
        _ => '"' + String + '"',
    };
}
