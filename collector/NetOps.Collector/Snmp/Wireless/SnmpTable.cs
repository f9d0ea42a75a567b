using NetOps.Snmp;

namespace NetOps.Collector.Snmp.Wireless;

/// <summary>One conceptual row of a walked table: its index arcs and the columns the device answered.</summary>
public sealed class SnmpRow(uint[] index)
{
    private readonly Dictionary<uint, SnmpValue> _values = [];

    public uint[] Index { get; } = index;

    internal void Set(uint column, SnmpValue value) => _values[column] = value;

    public bool Has(uint column) => _values.ContainsKey(column);

    /// <summary>An integer-typed column (Integer32, Counter32, Gauge32, TimeTicks), or null when absent or of another type.</summary>
    public long? Number(uint column) => _values.GetValueOrDefault(column) is { } v && v.Type is SnmpType.Integer32 or SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64
        ? v.Number
        : null;

    public string? Text(uint column) => _values.GetValueOrDefault(column) is { Bytes: not null } v ? v.Text : null;

    /// <summary>A MacAddress column as aa:bb:cc:dd:ee:ff.</summary>
    public string? Mac(uint column) => _values.GetValueOrDefault(column)?.Bytes is { Length: 6 } bytes ? SnmpIndex.Mac(bytes) : null;
}

/// <summary>The rows of one table, read column by column, keyed by their index arcs.</summary>
public sealed class SnmpTable
{
    private readonly Dictionary<string, SnmpRow> _rows = [];

    public IEnumerable<SnmpRow> Rows => _rows.Values;
    public int Count => _rows.Count;

    /// <summary>Instances below <paramref name="entry"/> (entry.column.index...) grouped into rows.</summary>
    public static SnmpTable From(ObjectIdentifier entry, IEnumerable<VarBind> varBinds)
    {
        var table = new SnmpTable();
        foreach (var vb in varBinds)
        {
            var rest = vb.Oid.IndexAfter(entry);
            if (rest.Length < 2 || vb.Value.IsException)
                continue;
            var index = rest[1..].ToArray();
            var key = string.Join('.', index);
            if (!table._rows.TryGetValue(key, out var row))
                table._rows[key] = row = new SnmpRow(index);
            row.Set(rest[0], vb.Value);
        }
        return table;
    }

    public SnmpRow? Row(ReadOnlySpan<uint> index) => _rows.GetValueOrDefault(string.Join('.', index.ToArray()));

    /// <summary>Sum of a numeric column over the rows whose index starts with <paramref name="prefix"/> (e.g. an AP's MAC); null when none has it.</summary>
    public long? SumWhere(ReadOnlySpan<uint> prefix, uint column)
    {
        long? sum = null;
        foreach (var row in _rows.Values)
        {
            if (row.Index.AsSpan().StartsWith(prefix) && row.Number(column) is { } n)
                sum = (sum ?? 0) + n;
        }
        return sum;
    }

    /// <summary>The rows whose index starts with <paramref name="prefix"/>.</summary>
    public IEnumerable<SnmpRow> RowsUnder(uint[] prefix) => _rows.Values.Where(r => r.Index.AsSpan().StartsWith(prefix));
}
