using NetOps.Testing;
using System.Net;
using NetOps.Snmp.Traps;
using NetOps.Snmp.Usm;

namespace NetOps.Snmp.Tests;

/// <summary>Notifications sent by net-snmp's own snmptrap and snmpinform.</summary>
public sealed class TrapListenerTests : IAsyncLifetime
{
    private static readonly UsmUser V3User = new("trapuser", AuthProtocol.SHA256, "trap-auth-pass", PrivProtocol.AES, "trap-priv-pass");
    private TrapListener _listener = null!;

    private string Address => $"udp:127.0.0.1:{_listener.EndPoint.Port}";

    public Task InitializeAsync()
    {
        _listener = new TrapListener(new IPEndPoint(IPAddress.Loopback, 0), new TrapListenerOptions
        {
            Communities = ["traps-in"],
            Users = [V3User],
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _listener.DisposeAsync();

    private async Task<SnmpNotification> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _listener.Notifications.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task AV2cLinkDownTrapArrivesWithItsVariables()
    {
        var (code, _) = await NetSnmpTools.RunAsync("snmptrap", "-v2c", "-c", "traps-in", Address, "4242", "1.3.6.1.6.3.1.1.5.3",
            "1.3.6.1.2.1.2.2.1.1.3", "i", "3", "1.3.6.1.2.1.2.2.1.8.3", "i", "2");
        Assert.Equal(0, code);
        var trap = await NextAsync();
        Assert.Equal("linkDown", trap.WellKnownName);
        Assert.Equal(SnmpVersion.V2c, trap.Version);
        Assert.Equal(4242u, trap.UptimeTicks);
        Assert.Equal(3, trap.VarBinds.Single(v => v.Oid.ToString() == "1.3.6.1.2.1.2.2.1.1.3").Value.Number);
    }

    [Fact]
    public async Task AV1TrapArrivesInTheV2Form()
    {
        var (code, _) = await NetSnmpTools.RunAsync("snmptrap", "-v1", "-c", "traps-in", Address, "1.3.6.1.4.1.8072", "127.0.0.1", "0", "0", "77");
        Assert.Equal(0, code);
        var trap = await NextAsync();
        Assert.Equal("coldStart", trap.WellKnownName);
        Assert.Equal(SnmpVersion.V1, trap.Version);
    }

    [Fact]
    public async Task AV2cInformIsAcknowledged()
    {
        // snmpinform exits 0 only when it got our Response.
        var (code, _) = await NetSnmpTools.RunAsync("snmpinform", "-v2c", "-c", "traps-in", "-t", "2", "-r", "1", Address, "", "1.3.6.1.6.3.1.1.5.4");
        Assert.Equal(0, code);
        Assert.Equal("linkUp", (await NextAsync()).WellKnownName);
    }

    [Fact]
    public async Task AV3AuthPrivInformDiscoversUsAndIsAcknowledged()
    {
        var (code, output) = await NetSnmpTools.RunAsync("snmpinform", "-v3", "-l", "authPriv", "-u", "trapuser", "-a", "SHA-256", "-A", "trap-auth-pass",
            "-x", "AES", "-X", "trap-priv-pass", "-t", "2", "-r", "1", Address, "", "1.3.6.1.6.3.1.1.5.5");
        Assert.True(code == 0, output + " dropped: " + string.Join(", ", _listener.Dropped));
        var inform = await NextAsync();
        Assert.Equal("authenticationFailure", inform.WellKnownName);
        Assert.Equal((SnmpVersion.V3, "trapuser"), (inform.Version, inform.User));
    }

    [Fact]
    public async Task AV3TrapFromItsOwnEngineIsAuthenticatedAndDecrypted()
    {
        var (code, output) = await NetSnmpTools.RunAsync("snmptrap", "-v3", "-e", "0x80001f8880a1b2c3d4e5f60708", "-l", "authPriv", "-u", "trapuser",
            "-a", "SHA-256", "-A", "trap-auth-pass", "-x", "AES", "-X", "trap-priv-pass", Address, "", "1.3.6.1.6.3.1.1.5.2");
        Assert.True(code == 0, output);
        var trap = await NextAsync();
        Assert.Equal("warmStart", trap.WellKnownName);
        Assert.Equal("trapuser", trap.User);
    }

    [Fact]
    public async Task WrongCommunitiesAndWrongPasswordsAreCountedNotDelivered()
    {
        await NetSnmpTools.RunAsync("snmptrap", "-v2c", "-c", "guess", Address, "", "1.3.6.1.6.3.1.1.5.3");
        await NetSnmpTools.RunAsync("snmptrap", "-v3", "-e", "0x80001f8880a1b2c3d4e5f60709", "-l", "authNoPriv", "-u", "trapuser",
            "-a", "SHA-256", "-A", "not-the-password", Address, "", "1.3.6.1.6.3.1.1.5.3");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((_listener.Dropped.GetValueOrDefault("unknown_community") == 0 || _listener.Dropped.GetValueOrDefault("wrong_digest") == 0) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(1, _listener.Dropped.GetValueOrDefault("unknown_community"));
        Assert.Equal(1, _listener.Dropped.GetValueOrDefault("wrong_digest"));
        Assert.False(_listener.Notifications.TryRead(out _));
    }
}
