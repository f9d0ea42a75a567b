using NetOps.Snmp.Client;
using NetOps.Snmp.Usm;

namespace NetOps.Snmp.Tests;

/// <summary>SNMPv3 USM against net-snmp's snmpd: every auth/priv combination it offers, and each failure named.</summary>
public sealed class SnmpV3InteropTests(SnmpdServer snmpd) : IClassFixture<SnmpdServer>, IAsyncLifetime
{
    private static readonly ObjectIdentifier SysName = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");
    private readonly SnmpClient _client = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _client.DisposeAsync();

    public static IEnumerable<object[]> Combinations() => V3Users.Combinations();

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task EveryAuthAndPrivCombinationReadsSysName(string auth, string priv)
    {
        var result = await _client.GetAsync(SnmpTarget.V3(snmpd.EndPoint, V3Users.User(auth, priv)), [SysName]);
        Assert.Equal("netops-snmpd", result[0].Value.Text);
    }

    [Fact]
    public async Task NoAuthNoPrivWorksForAUserAllowedIt()
    {
        var result = await _client.GetAsync(SnmpTarget.V3(snmpd.EndPoint, new UsmUser("u_noauth")), [SysName]);
        Assert.Equal("netops-snmpd", result[0].Value.Text);
    }

    [Fact]
    public async Task AV3BulkWalkEqualsTheV2cWalk()
    {
        var root = ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1");
        var v3 = await _client.WalkAsync(SnmpTarget.V3(snmpd.EndPoint, V3Users.User("SHA-256", "AES")), root);
        var v2 = await _client.WalkAsync(new SnmpTarget(snmpd.EndPoint, SnmpVersion.V2c, SnmpdServer.Community), root);
        Assert.Equal(v2.Select(v => v.Oid), v3.Select(v => v.Oid));
    }

    [Fact]
    public async Task AnUnknownUserIsNamed()
    {
        var e = await Assert.ThrowsAsync<UsmException>(() =>
            _client.GetAsync(SnmpTarget.V3(snmpd.EndPoint, new UsmUser("nobody", AuthProtocol.SHA, "whatever-pass")), [SysName]));
        Assert.Contains("unknown user", e.Message);
    }

    [Fact]
    public async Task AWrongAuthenticationPasswordIsAWrongDigest()
    {
        var user = V3Users.User("SHA-256", "") with { AuthPassword = "not-the-password" };
        var e = await Assert.ThrowsAsync<UsmException>(() => _client.GetAsync(SnmpTarget.V3(snmpd.EndPoint, user), [SysName]));
        Assert.Contains("wrong digest", e.Message);
        Assert.DoesNotContain("not-the-password", e.Message);
    }

    [Fact]
    public async Task AWrongPrivacyPasswordIsNamed()
    {
        var user = V3Users.User("SHA", "AES") with { PrivPassword = "not-the-secret" };
        var target = SnmpTarget.V3(snmpd.EndPoint, user) with { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 };
        var e = await Assert.ThrowsAnyAsync<Exception>(() => _client.GetAsync(target, [SysName]));
        // net-snmp answers a PDU it cannot decrypt with a decryptionErrors report, or not at all.
        Assert.True(e is UsmException { Message: var m } && m.Contains("decryption", StringComparison.Ordinal) || e is SnmpTimeoutException, e.ToString());
        Assert.DoesNotContain("not-the-secret", e.Message);
    }
}
