using System.Globalization;
using System.Text.Json;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

/// <summary>
/// What the shared corpus says about a recording, read straight from its files (not through
/// NetOps's SNMP code): LibreNMS's wireless sensors in expected/NAME.json, the rows INDEX.tsv
/// counts, and the values in the .snmprec itself.
/// </summary>
internal static class RecordingFacts
{
    public sealed record Sensor(string Class, string Index, string Description, double Current);

    /// <summary>LibreNMS's wireless sensors as its poller left them (its discovery pass when there is no poller pass).</summary>
    public static List<Sensor> LibreNmsWireless(string device)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SnmpSimulator.Recordings, "expected", device + ".json")));
        var wireless = doc.RootElement.GetProperty("wireless");
        var section = wireless.TryGetProperty("poller", out var poller) && poller.ValueKind == JsonValueKind.Object ? poller : wireless.GetProperty("discovery");
        return section.GetProperty("wireless_sensors").EnumerateArray().Select(s => new Sensor(
            s.GetProperty("sensor_class").GetString()!,
            s.GetProperty("sensor_index").ToString(),
            s.GetProperty("sensor_descr").GetString()!,
            s.GetProperty("sensor_current").GetDouble())).ToList();
    }

    /// <summary>The row count INDEX.tsv gives for a wireless table (its wireless_oids_present column, e.g. "aiAccessPointTable(39)").</summary>
    public static int IndexedRows(string device, string table)
    {
        var column = WirelessColumn(device);
        var start = column.IndexOf(table + "(", StringComparison.Ordinal);
        Assert.True(start >= 0, $"INDEX.tsv lists no {table} for {device}: {column}");
        start += table.Length + 1;
        return int.Parse(column[start..column.IndexOf(')', start)], CultureInfo.InvariantCulture);
    }

    public static string WirelessColumn(string device)
    {
        var lines = File.ReadAllLines(Path.Combine(SnmpSimulator.Recordings, "INDEX.tsv"));
        var header = lines[0].Split('\t');
        var column = Array.IndexOf(header, "wireless_oids_present");
        return lines.Skip(1).Select(l => l.Split('\t')).First(r => r[0] == device + ".snmprec")[column];
    }

    /// <summary>The records of a normalized recording below <paramref name="prefix"/>: (index arcs after the prefix, type tag, value).</summary>
    public static List<(string Index, string Tag, string Value)> Rows(string device, string prefix)
    {
        var rows = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(SnmpSimulator.Recordings, "normalized", device + ".snmprec")))
        {
            var parts = line.Split('|', 3);
            if (parts.Length == 3 && parts[0].StartsWith(prefix + ".", StringComparison.Ordinal))
                rows.Add((parts[0][(prefix.Length + 1)..], parts[1], parts[2]));
        }
        return rows;
    }

    /// <summary>Sum of an integer column of a recording.</summary>
    public static long Sum(string device, string column) =>
        Rows(device, column).Sum(r => long.Parse(r.Value, CultureInfo.InvariantCulture));

    /// <summary>Distinct row indexes of a table (entry.column.index): how many conceptual rows it has, counting the first <paramref name="arcs"/> index arcs.</summary>
    public static int DistinctRows(string device, string entry, int arcs) =>
        Rows(device, entry).Select(r => string.Join('.', r.Index.Split('.').Skip(1).Take(arcs))).Distinct().Count();
}
