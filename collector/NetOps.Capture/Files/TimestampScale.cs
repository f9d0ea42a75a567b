namespace NetOps.Capture.Files;

/// <summary>
/// Converts a pcapng timestamp (units of the interface's if_tsresol: 10^-n or 2^-n seconds) to
/// nanoseconds, truncating as Wireshark does.
/// </summary>
internal readonly struct TimestampScale
{
    private const long NanosPerSecond = 1_000_000_000;
    private readonly ulong _multiplier;
    private readonly ulong _divisor;
    private readonly int _shift;
    private readonly ulong _maxUnits;

    private TimestampScale(ulong multiplier, ulong divisor, int shift)
    {
        _multiplier = multiplier;
        _divisor = divisor;
        _shift = shift;
        _maxUnits = shift >= 0 || divisor > 1 ? ulong.MaxValue : (ulong)long.MaxValue / multiplier;
    }

    public static TimestampScale Microseconds { get; } = FromResolution(6)!.Value;

    /// <summary>The scale of an if_tsresol byte, or null when it cannot be represented (10^-20 and finer, 2^-64 and finer).</summary>
    public static TimestampScale? FromResolution(byte tsresol)
    {
        var exponent = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0)
            return exponent < 64 ? new TimestampScale(1, 1, exponent) : null;
        if (exponent > 19)
            return null;
        return exponent <= 9
            ? new TimestampScale(Pow10(9 - exponent), 1, -1)
            : new TimestampScale(1, Pow10(exponent - 9), -1);
    }

    /// <summary>Nanoseconds for <paramref name="units"/>; false when the result would pass the year 2262.</summary>
    public bool TryToNanoseconds(ulong units, out long nanoseconds)
    {
        if (_shift < 0)
        {
            if (units > _maxUnits)
            {
                nanoseconds = long.MaxValue;
                return false;
            }
            nanoseconds = (long)(units / _divisor * _multiplier);
            return true;
        }
        var seconds = units >> _shift;
        if (seconds > long.MaxValue / NanosPerSecond - 1)
        {
            nanoseconds = long.MaxValue;
            return false;
        }
        var fraction = units & ((1UL << _shift) - 1);
        nanoseconds = (long)seconds * NanosPerSecond + (long)((UInt128)fraction * NanosPerSecond >> _shift);
        return true;
    }

    private static ulong Pow10(int n)
    {
        ulong value = 1;
        for (var i = 0; i < n; i++)
            value *= 10;
        return value;
    }
}
