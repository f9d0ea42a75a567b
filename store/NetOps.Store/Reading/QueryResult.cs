using System.Text.Json;

namespace NetOps.Store.Reading;

/// <summary>One series of a statement's result: name, tags, column names and rows of typed values.</summary>
public sealed class QuerySeries
{
    public QuerySeries(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> columns)
    {
        Name = name;
        Tags = tags;
        Columns = columns;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Tags { get; }
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Rows; each value is null, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.
    /// InfluxDB's JSON does not say a number's type: a float field holding a whole number arrives as
    /// <see cref="long"/>, so read floats with <see cref="Double"/>.
    /// </summary>
    public List<object?[]> Rows { get; } = [];

    public int ColumnIndex(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
                return i;
        }
        throw new KeyNotFoundException($"Series '{Name}' has no column '{column}' (has: {string.Join(", ", Columns)}).");
    }

    public long Long(int row, string column) => Convert.ToInt64(Rows[row][ColumnIndex(column)], System.Globalization.CultureInfo.InvariantCulture);
    public double Double(int row, string column) => Convert.ToDouble(Rows[row][ColumnIndex(column)], System.Globalization.CultureInfo.InvariantCulture);
    public string? String(int row, string column) => Rows[row][ColumnIndex(column)]?.ToString();

    /// <summary>The <c>time</c> column of a row, read with the epoch precision the query asked for.</summary>
    public DateTimeOffset Time(int row, Epoch epoch)
    {
        var value = Long(row, "time");
        return epoch switch
        {
            Epoch.Nanoseconds => DateTimeOffset.UnixEpoch.AddTicks(value / 100),
            Epoch.Microseconds => DateTimeOffset.UnixEpoch.AddTicks(value * 10),
            Epoch.Milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(value),
            Epoch.Seconds => DateTimeOffset.FromUnixTimeSeconds(value),
            _ => throw new ArgumentOutOfRangeException(nameof(epoch)),
        };
    }

    internal static object? ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var l) => l,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };
}

/// <summary>The result of one InfluxQL statement.</summary>
public sealed class StatementResult(int statementId)
{
    public int StatementId { get; } = statementId;
    public List<QuerySeries> Series { get; } = [];
    public string? Error { get; internal set; }

    /// <summary>The series with this name (and no tags), or null.</summary>
    public QuerySeries? Find(string name) => Series.FirstOrDefault(s => s.Name == name);
}

public enum Epoch { Nanoseconds, Microseconds, Milliseconds, Seconds }

public sealed class InfluxQueryException(string message, int? httpStatus = null) : Exception(message)
{
    public int? HttpStatus { get; } = httpStatus;
}
