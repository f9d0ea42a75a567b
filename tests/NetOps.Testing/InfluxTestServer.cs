using NetOps.Store;
using NetOps.Store.Local;
using NetOps.Store.Reading;

namespace NetOps.Testing;

/// <summary>
/// A real influxd for one test class or test: bound to 127.0.0.1 on free ports, data in a fresh
/// temporary folder, stopped and deleted on dispose. Restartable on the same data and port for
/// outage tests.
/// </summary>
public sealed class InfluxTestServer : IAsyncDisposable
{
    private readonly LocalInfluxServer _server;

    private InfluxTestServer(string directory, LocalInfluxServer server)
    {
        Directory = directory;
        _server = server;
    }

    public string Directory { get; }
    public Uri Url => _server.Url;
    public bool IsRunning => _server.IsRunning;
    public string LogPath => _server.LogPath;

    public static async Task<InfluxTestServer> StartAsync(long maxBodyBytes = 25_000_000)
    {
        var directory = TestDirectories.Create("influxd");
        var server = new LocalInfluxServer(new LocalInfluxOptions(directory, "127.0.0.1", LocalInfluxServer.FreePort())
        {
            RpcPort = LocalInfluxServer.FreePort(),
            MaxBodyBytes = maxBodyBytes,
        });
        await server.StartAsync();
        return new InfluxTestServer(directory, server);
    }

    public Task StopAsync() => _server.StopAsync();
    public Task KillAsync() => _server.KillAsync();
    public Task RestartAsync() => _server.StartAsync();

    public InfluxEndpoint Endpoint(string database) => new(Url, database);

    /// <summary>A client for one database, created on the server if missing.</summary>
    public async Task<InfluxQueryClient> CreateDatabaseAsync(string database)
    {
        var client = new InfluxQueryClient(Endpoint(database));
        await client.QueryAsync($"CREATE DATABASE {InfluxQueryClient.Quote(database)}");
        return client;
    }

    /// <summary>Number of points of a measurement, counted by the server.</summary>
    public async Task<long> CountAsync(string database, string measurement, string field, string? retentionPolicy = null)
    {
        using var client = new InfluxQueryClient(Endpoint(database));
        var from = retentionPolicy is null
            ? InfluxQueryClient.Quote(measurement)
            : $"{InfluxQueryClient.Quote(retentionPolicy)}.{InfluxQueryClient.Quote(measurement)}";
        var result = await client.QuerySingleAsync($"SELECT count({InfluxQueryClient.Quote(field)}) FROM {from}");
        return result.Series.Count == 0 ? 0 : result.Series[0].Long(0, "count");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        TestDirectories.Delete(Directory);
    }
}
