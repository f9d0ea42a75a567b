using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

/// <summary>
/// snmpsimd serving NetOps's own H3C and Ruijie recordings (testdata/wireless, written from the
/// MIBs: the shared corpus has no such controller) and the published, unnormalized Huawei AC
/// recording, whose 12 KB Q-BRIDGE values make a 10-repetition GetBulk reply too large for snmpsimd.
/// </summary>
public sealed class OwnRecordingsFixture : IAsyncLifetime
{
    public const string RawHuawei = "vrp_ac6605-26-raw";
    private string _data = "";

    public SnmpSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _data = TestDirectories.Create("wireless-recordings");
        foreach (var file in Directory.GetFiles(Path.Combine(TestDirectories.RepositoryRoot(), "tests", "NetOps.Collector.Tests", "testdata", "wireless"), "*.snmprec"))
            File.Copy(file, Path.Combine(_data, Path.GetFileName(file)));
        File.Copy(Path.Combine(SnmpSimulator.Recordings, "raw", "vrp_ac6605-26.snmprec"), Path.Combine(_data, RawHuawei + ".snmprec"));
        Simulator = await SnmpSimulator.StartAsync(_data);
    }

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        TestDirectories.Delete(_data);
    }
}

public sealed class WirelessOwnRecordingTests(OwnRecordingsFixture fixture) : IClassFixture<OwnRecordingsFixture>
{
    private SnmpTarget Target(string community, int maxRepetitions = 25) =>
        new(fixture.Simulator.EndPoint, SnmpVersion.V2c, community) { Timeout = TimeSpan.FromSeconds(1), Retries = 0, MaxRepetitions = maxRepetitions };

    [Fact]
    public async Task H3cControllerApsByStatusTableJoinedWithTheConnectedApTable()
    {
        await using var client = new SnmpClient();
        var w = (await new DeviceStatePoller(client).PollAsync(Target("h3c_wx_ac"))).Wireless;
        Assert.Equal("h3c", w.Vendor);
        Assert.Equal(4, w.ApCount);
        Assert.Equal(["219801A0CNC18B000004", "JXL-1F-AP01", "JXL-2F-AP02", "SYL-1F-AP01"], w.Aps.Select(a => a.Name));
        var joining = w.Aps[0];
        // Not in the connected-AP table: named by its serial ID (the index), state join(1).
        Assert.Equal((ApStatus.Other, "join", "70:ba:ef:11:00:04", 0L), (joining.Status, joining.VendorStatus, joining.Mac, joining.Clients));
        Assert.All(w.Aps.Skip(1), a => Assert.Equal((ApStatus.Online, "run"), (a.Status, a.VendorStatus)));
        Assert.Equal([12L, 7L, 0L], w.Aps.Skip(1).Select(a => a.Clients));
        Assert.Equal(19, w.Clients);
        Assert.Empty(w.Ssids);
    }

    [Fact]
    public async Task RuijieControllerApsWithStationsAndOnOffLineState()
    {
        await using var client = new SnmpClient();
        var w = (await new DeviceStatePoller(client).PollAsync(Target("ruijie_ws_ac"))).Wireless;
        Assert.Equal("ruijie", w.Vendor);
        Assert.Equal(
            [("CT-AP-01", "58:69:6c:20:00:03", ApStatus.Offline, 0L), ("TSG-AP-01", "58:69:6c:20:00:01", ApStatus.Online, 15L), ("TSG-AP-02", "58:69:6c:20:00:02", ApStatus.Online, 4L)],
            w.Aps.Select(a => (a.Name, a.Mac, a.Status, a.Clients)));
        Assert.Equal(3, w.ApCount);
        Assert.Equal(19, w.Clients);
    }

    [Fact]
    public async Task AWalkWhoseBulkReplyIsTooLargeStepsDownInsteadOfLosingTheDevice()
    {
        // dot1qVlanCurrentEgressPorts/UntaggedPorts: 16 values of 12 KB each in the published recording.
        var qBridge = ObjectIdentifier.Parse("1.3.6.1.2.1.17.7.1.4.2");
        var target = Target(OwnRecordingsFixture.RawHuawei, maxRepetitions: 10);
        await using var client = new SnmpClient();
        await Assert.ThrowsAsync<SnmpTimeoutException>(() => client.WalkAsync(target, qBridge));

        var walker = new TableWalker(client);
        var rows = await walker.WalkAsync(target, qBridge);
        Assert.Equal(16, rows.Count(r => r.Value.Bytes is { Length: > 10_000 }));
        Assert.Equal(File.ReadLines(Path.Combine(SnmpSimulator.Recordings, "raw", "vrp_ac6605-26.snmprec")).Count(l => l.StartsWith("1.3.6.1.2.1.17.7.1.4.2.", StringComparison.Ordinal)), rows.Count);
        Assert.True(walker.RepetitionsFor(target, qBridge) < 10);
        Assert.Equal(1, walker.StepDowns);

        // The next walk of that table starts from what worked: no second step-down.
        Assert.Equal(rows.Count, (await walker.WalkAsync(target, qBridge)).Count);
        Assert.Equal(1, walker.StepDowns);
    }

    [Fact]
    public async Task TheUnnormalizedHuaweiAcRecordingIsPolledWithItsWirelessState()
    {
        await using var client = new SnmpClient();
        var state = await new DeviceStatePoller(client).PollAsync(Target(OwnRecordingsFixture.RawHuawei, maxRepetitions: 10));
        Assert.Equal(33, state.Interfaces.Count);
        Assert.Equal("huawei", state.Wireless.Vendor);
        Assert.Null(state.Wireless.Error);
        Assert.Equal("TestAP-NAME", Assert.Single(state.Wireless.Aps).Name);
        Assert.Equal(7, state.Wireless.Clients);
    }
}
