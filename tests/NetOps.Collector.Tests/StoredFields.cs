using NetOps.Store.Reading;
using NetOps.Store.Schema;

namespace NetOps.Collector.Tests;

internal static class StoredFields
{
    /// <summary>Every field the server holds for the measurement has the type store/schema.yaml declares.</summary>
    public static async Task AssertDeclaredAsync(InfluxQueryClient client, string retentionPolicy, string measurement)
    {
        var definition = StoreSchema.Current.Measurement(measurement);
        var keys = await client.QuerySingleAsync($"SHOW FIELD KEYS FROM {retentionPolicy}.{measurement}");
        Assert.NotEmpty(keys.Series[0].Rows);
        foreach (var row in keys.Series[0].Rows)
            Assert.Equal(definition.Fields.Single(f => f.Name == (string)row[0]!).Type, (string)row[1]!);
    }
}
