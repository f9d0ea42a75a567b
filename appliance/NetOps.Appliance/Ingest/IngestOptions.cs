using NetOps.Store;

namespace NetOps.Appliance.Ingest;

internal sealed record IngestOptions(
    string Input,
    InfluxEndpoint Endpoint,
    string? RetentionPolicy,
    string SpoolDirectory,
    TimeSpan Wait,
    int BatchLines,
    long MaxLinesPerSecond,
    bool? Gzip,
    bool CreateDatabase);
