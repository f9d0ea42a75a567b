using System.Globalization;

namespace NetOps.Configuration;

/// <summary>Durations as people write them: <c>200ms</c>, <c>10s</c>, <c>5m</c>, <c>2h</c>, <c>30d</c>, <c>1w</c>.</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (!NumberWithUnit.TrySplit(text, out var number, out var unit) || unit.Length == 0)
            return false;
        decimal? ms = unit switch
        {
            "ms" => number,
            "s" => number * 1000m,
            "m" => number * 60_000m,
            "h" => number * 3_600_000m,
            "d" => number * 86_400_000m,
            "w" => number * 604_800_000m,
            _ => null,
        };
        if (ms is null || ms > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
            return false;
        duration = TimeSpan.FromTicks((long)(ms.Value * TimeSpan.TicksPerMillisecond));
        return true;
    }

    public static string Format(TimeSpan duration)
    {
        static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        if (duration.Ticks % TimeSpan.TicksPerDay == 0 && duration >= TimeSpan.FromDays(1))
            return N(duration.TotalDays) + "d";
        if (duration.Ticks % TimeSpan.TicksPerHour == 0 && duration >= TimeSpan.FromHours(1))
            return N(duration.TotalHours) + "h";
        if (duration.Ticks % TimeSpan.TicksPerMinute == 0 && duration >= TimeSpan.FromMinutes(1))
            return N(duration.TotalMinutes) + "m";
        if (duration.Ticks % TimeSpan.TicksPerSecond == 0 && duration >= TimeSpan.FromSeconds(1))
            return N(duration.TotalSeconds) + "s";
        return N(duration.TotalMilliseconds) + "ms";
    }
}

/// <summary>Sizes as people write them: <c>512</c>, <c>4KiB</c>, <c>4MiB</c>, <c>1GiB</c>, <c>1TiB</c>, or decimal <c>KB</c>/<c>MB</c>/<c>GB</c>/<c>TB</c>.</summary>
public static class SizeText
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (!NumberWithUnit.TrySplit(text, out var number, out var unit))
            return false;
        decimal? factor = unit switch
        {
            "" or "B" => 1m,
            "KiB" => 1024m,
            "MiB" => 1024m * 1024,
            "GiB" => 1024m * 1024 * 1024,
            "TiB" => 1024m * 1024 * 1024 * 1024,
            "KB" or "kB" => 1000m,
            "MB" => 1_000_000m,
            "GB" => 1_000_000_000m,
            "TB" => 1_000_000_000_000m,
            _ => null,
        };
        if (factor is null || number * factor.Value > long.MaxValue)
            return false;
        bytes = (long)(number * factor.Value);
        return true;
    }

    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        while (unit < units.Length - 1 && value >= 1024 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.###", CultureInfo.InvariantCulture) + (unit == 0 ? "" : units[unit]);
    }
}

/// <summary>Splits "1.5GiB" into 1.5 and "GiB" (the unit may be empty; the number is never negative).</summary>
internal static class NumberWithUnit
{
    public static bool TrySplit(string? text, out decimal number, out string unit)
    {
        number = 0;
        unit = "";
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        var unitStart = text.Length;
        while (unitStart > 0 && char.IsAsciiLetter(text[unitStart - 1]))
            unitStart--;
        unit = text[unitStart..];
        return unitStart > 0
            && decimal.TryParse(text.AsSpan(0, unitStart).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }
}
