using NetOps.Testing;

namespace NetOps.Store.Tests;

/// <summary>One real influxd for the test classes that only read and write (each test uses its own database).</summary>
public sealed class SharedInflux : IAsyncLifetime
{
    public InfluxTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InfluxTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public static string NewDatabase() => "t_" + Guid.NewGuid().ToString("N")[..12];
}

[CollectionDefinition(Name)]
public sealed class SharedInfluxCollection : ICollectionFixture<SharedInflux>
{
    public const string Name = "shared influxd";
}
