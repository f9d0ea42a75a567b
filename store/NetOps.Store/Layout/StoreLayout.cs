using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NetOps.Store.Reading;
using NetOps.Store.Schema;

namespace NetOps.Store.Layout;

/// <summary>
/// Creates what NetOps needs on an InfluxDB 1.x server: the database, the retention policies of
/// the schema with the configured durations (the default one marked default), and one continuous
/// query per roll-up. Idempotent: run it on every start. Continuous queries carry a hash of their
/// definition in their name, so a changed definition replaces the old query and an unchanged one
/// is left alone.
/// </summary>
public sealed class StoreLayout(StoreSchema schema, IReadOnlyDictionary<string, TimeSpan> durations, ILogger logger)
{
    public static readonly TimeSpan LegalMinimumForLogs = TimeSpan.FromDays(180);

    public async Task EnsureAsync(InfluxQueryClient client, CancellationToken cancellationToken = default)
    {
        var db = client.Endpoint.Database;
        var q = InfluxQueryClient.Quote(db);
        await client.QueryAsync($"CREATE DATABASE {q}", cancellationToken: cancellationToken).ConfigureAwait(false);

        var existing = await ExistingRetentionPoliciesAsync(client, cancellationToken).ConfigureAwait(false);
        foreach (var rp in schema.RetentionPolicies)
        {
            var duration = DurationFor(rp);
            var text = FormatDuration(duration);
            var verb = existing.Contains(rp.Name) ? "ALTER" : "CREATE";
            var statement = $"{verb} RETENTION POLICY {InfluxQueryClient.Quote(rp.Name)} ON {q} DURATION {text} REPLICATION 1{(rp.Default ? " DEFAULT" : "")}";
            await client.QueryAsync(statement, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var wanted = ContinuousQueries(db).ToDictionary(cq => cq.Name, cq => cq.Statement);
        var present = await ExistingContinuousQueriesAsync(client, db, cancellationToken).ConfigureAwait(false);
        foreach (var name in present)
        {
            if (name.StartsWith("cq_", StringComparison.Ordinal) && !wanted.ContainsKey(name))
            {
                await client.QueryAsync($"DROP CONTINUOUS QUERY {InfluxQueryClient.Quote(name)} ON {q}", cancellationToken: cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Store layout: dropped outdated continuous query {Name}", name);
            }
        }
        foreach (var (name, statement) in wanted)
        {
            if (!present.Contains(name))
                await client.QueryAsync(statement, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        logger.LogInformation("Store layout ready on {Url}: database {Database}, retention policies {Policies}, {Count} continuous queries",
            client.Endpoint.DisplayUrl, db,
            string.Join(", ", schema.RetentionPolicies.Select(r => $"{r.Name}={FormatDuration(DurationFor(r))}")), wanted.Count);
    }

    /// <summary>The continuous queries the schema asks for, with their CREATE statements.</summary>
    public IEnumerable<(string Name, string Statement, string Select)> ContinuousQueries(string database)
    {
        var q = InfluxQueryClient.Quote(database);
        foreach (var measurement in schema.Measurements)
        {
            foreach (var rollup in measurement.Rollups)
            {
                var target = schema.Measurement(rollup.Into);
                var select = $"SELECT {rollup.Select.Trim()} INTO {q}.{InfluxQueryClient.Quote(target.RetentionPolicy)}.{InfluxQueryClient.Quote(target.Name)} " +
                             $"FROM {q}.{InfluxQueryClient.Quote(measurement.RetentionPolicy)}.{InfluxQueryClient.Quote(measurement.Name)} " +
                             $"GROUP BY time({rollup.Every}), *";
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(select)))[..8];
                var name = $"cq_{target.Name}_{hash}";
                yield return (name, $"CREATE CONTINUOUS QUERY {InfluxQueryClient.Quote(name)} ON {q} BEGIN {select} END", select);
            }
        }
    }

    public TimeSpan DurationFor(RetentionPolicyDefinition rp)
    {
        var duration = durations.TryGetValue(rp.Name, out var configured) ? configured : ParseDuration(rp.DefaultDuration);
        var minimum = ParseDuration(rp.MinimumDuration);
        if (duration < minimum)
            throw new ArgumentException($"Retention policy '{rp.Name}' ({rp.ConfigKey}) must keep data at least {rp.MinimumDuration}, configured {FormatDuration(duration)}.");
        return duration;
    }

    /// <summary>InfluxQL duration literal: whole days when possible, else hours, minutes or seconds.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerDay == 0)
            return ((long)duration.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
        if (duration.Ticks % TimeSpan.TicksPerHour == 0)
            return ((long)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        if (duration.Ticks % TimeSpan.TicksPerMinute == 0)
            return ((long)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        return ((long)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>Parses the schema's duration texts such as <c>30d</c>, <c>5m</c>, <c>12h</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
            throw new FormatException($"'{text}' is not a duration.");
        var number = long.Parse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(number),
            'm' => TimeSpan.FromMinutes(number),
            'h' => TimeSpan.FromHours(number),
            'd' => TimeSpan.FromDays(number),
            'w' => TimeSpan.FromDays(7 * number),
            _ => throw new FormatException($"'{text}' is not a duration (s, m, h, d or w)."),
        };
    }

    private static async Task<HashSet<string>> ExistingRetentionPoliciesAsync(InfluxQueryClient client, CancellationToken cancellationToken)
    {
        var result = await client.QuerySingleAsync($"SHOW RETENTION POLICIES ON {InfluxQueryClient.Quote(client.Endpoint.Database)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var series in result.Series)
        {
            var column = series.ColumnIndex("name");
            foreach (var row in series.Rows)
                names.Add(row[column]?.ToString() ?? "");
        }
        return names;
    }

    private static async Task<HashSet<string>> ExistingContinuousQueriesAsync(InfluxQueryClient client, string database, CancellationToken cancellationToken)
    {
        var result = await client.QuerySingleAsync("SHOW CONTINUOUS QUERIES", cancellationToken: cancellationToken).ConfigureAwait(false);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var series in result.Series.Where(s => s.Name == database))
        {
            var column = series.ColumnIndex("name");
            foreach (var row in series.Rows)
                names.Add(row[column]?.ToString() ?? "");
        }
        return names;
    }
}
