using System.Text.Json;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary><c>netops poll</c> against recordings of real devices served by snmpsimd.</summary>
public sealed class PollTests : IAsyncLifetime
{
    private SnmpSimulator _simulator = null!;
    private string _work = "";

    public async Task InitializeAsync()
    {
        _simulator = await SnmpSimulator.StartAsync();
        _work = TestDirectories.Create("poll");
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        TestDirectories.Delete(_work);
    }

    [Fact]
    public async Task PrintsTheNormalizedStateOfAHuaweiSwitchOverV2c()
    {
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "poll", $"127.0.0.1:{_simulator.EndPoint.Port}", "--community", "vrp_5720", "--json");
        Assert.True(run.ExitCode == 0, run.Output);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal("1.3.6.1.4.1.2011.2.23.291", json.GetProperty("sysObjectID").GetString());
        Assert.Contains("Huawei", json.GetProperty("sysDescr").GetString());
        Assert.True(json.GetProperty("uptimeSeconds").GetDouble() > 0);
        var interfaces = json.GetProperty("interfaces").EnumerateArray().ToList();
        Assert.NotEmpty(interfaces);
        foreach (var key in new[] { "index", "name", "descr", "alias", "type", "speedBps", "adminStatus", "operStatus", "inOctets", "outOctets" })
            Assert.True(interfaces[0].TryGetProperty(key, out _), key);
        Assert.Contains(interfaces, i => i.GetProperty("speedBps").GetInt64() == 1_000_000_000);
        Assert.True(json.GetProperty("ipv6").TryGetProperty("addresses", out _));
        var entity = json.GetProperty("entity");
        Assert.Equal("Huawei", entity.GetProperty("vendor").GetString());
        Assert.Equal(2011, entity.GetProperty("enterpriseNumber").GetInt64());
        Assert.Equal(["2102359576DMHC000120"], entity.GetProperty("serialNumbers").EnumerateArray().Select(s => s.GetString()));
        Assert.True(json.GetProperty("wireless").TryGetProperty("aps", out _));
        Assert.True(json.TryGetProperty("lldpNeighbors", out _));
    }

    [Fact]
    public async Task PrintsTheApsSsidsAndTotalsOfAWirelessController()
    {
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "poll", $"127.0.0.1:{_simulator.EndPoint.Port}", "--community", "aruba-instant", "--json");
        Assert.True(run.ExitCode == 0, run.Output);
        var wireless = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("wireless");
        Assert.Equal("aruba-instant", wireless.GetProperty("vendor").GetString());
        Assert.Equal(3, wireless.GetProperty("apCount").GetInt64());
        Assert.Equal(0, wireless.GetProperty("clients").GetInt64());
        var aps = wireless.GetProperty("aps").EnumerateArray().ToList();
        Assert.Equal(3, aps.Count);
        Assert.Equal("ECA-Ultimo-L11-AP06", aps[0].GetProperty("name").GetString());
        Assert.Equal("68:28:cf:c7:e9:c0", aps[0].GetProperty("mac").GetString());
        Assert.Equal("online", aps[0].GetProperty("status").GetString());
        Assert.Equal(0, aps[0].GetProperty("clients").GetInt64());
        Assert.Equal(["ECA-Corp", "ECA-Public", "EOU-Regional"], wireless.GetProperty("ssids").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.False(wireless.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task PollsOverSnmpV3WithAuthAndPrivacy()
    {
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "poll", $"127.0.0.1:{_simulator.EndPoint.Port}",
            "--user", "netops-sha256-aes", "--auth-proto", "SHA-256", "--auth-key", "authpass256", "--priv-proto", "AES", "--priv-key", "privpass256",
            "--context", "ciscosb_c1200-8t-e-2g", "--json");
        Assert.True(run.ExitCode == 0, run.Output);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(21, json.GetProperty("interfaces").GetArrayLength());
        Assert.NotEmpty(json.GetProperty("ipv6").GetProperty("addresses").EnumerateArray());
        Assert.Equal(1, json.GetProperty("ipv6").GetProperty("globalAddresses").GetInt32());
        Assert.True(json.GetProperty("ipv6").GetProperty("enabled").GetBoolean());
        Assert.NotEmpty(json.GetProperty("lldpNeighbors").EnumerateArray());
    }

    [Fact]
    public async Task PollsOverSnmpV3WithCiscosAes256KeyExtension()
    {
        // snmpsimd's AES256 is the Reeder (Cisco) extension: net-snmp's and our AES-256-C.
        await using var reeder = await V3SnmpSimulator.StartAsync("stoneos", [new SimulatorUser("cisco-style", "SHA", "auth-cisco-style", "AES256", "priv-cisco-style")]);
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "poll", $"127.0.0.1:{reeder.EndPoint.Port}",
            "--user", "cisco-style", "--auth-proto", "SHA", "--auth-key", "auth-cisco-style", "--priv-proto", "AES-256-C", "--priv-key", "priv-cisco-style",
            "--context", "stoneos", "--json");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("Hillstone Security Appliance SG-6000-E3965", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("sysDescr").GetString());
        Assert.DoesNotContain("priv-cisco-style", run.Output);
    }

    [Fact]
    public async Task AWrongKeyIsNamedAndNotEchoed()
    {
        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "poll", $"127.0.0.1:{_simulator.EndPoint.Port}",
            "--user", "netops-sha256-aes", "--auth-proto", "SHA-256", "--auth-key", "wrong-key-123", "--context", "vrp_5720", "--timeout", "1", "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("wrong-key-123", run.Output);
    }
}
