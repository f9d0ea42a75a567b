using NetOps.Snmp.Client;
using NetOps.Snmp.Usm;
using NetOps.Testing;

namespace NetOps.Snmp.Tests;

/// <summary>snmpsimd 0.4.5 (pysnmp 4.4) with users of both AES-192/256 key extensions.</summary>
public sealed class SnmpsimdAesFixture : IAsyncLifetime
{
    public const string Recording = "stoneos";

    // snmpsimd's AES192/AES256 are the Reeder extension (net-snmp's AES-192-C/AES-256-C), its
    // AES192BLMT/AES256BLMT the Blumenthal one (net-snmp's AES-192/AES-256).
    public static readonly (string User, string Auth, string SimPriv, string OurPriv)[] Users =
    [
        ("reeder-sha-aes256", "SHA", "AES256", "AES-256-C"),
        ("reeder-md5-aes192", "MD5", "AES192", "AES-192-C"),
        ("reeder-sha224-aes256", "SHA224", "AES256", "AES-256-C"),
        ("reeder-sha-aes192", "SHA", "AES192", "AES-192-C"),
        ("blmt-sha-aes256", "SHA", "AES256BLMT", "AES-256"),
        ("blmt-md5-aes192", "MD5", "AES192BLMT", "AES-192"),
    ];

    public V3SnmpSimulator Simulator { get; private set; } = null!;

    public static string AuthKey(string user) => "auth-" + user;
    public static string PrivKey(string user) => "priv-" + user;

    public async Task InitializeAsync() =>
        Simulator = await V3SnmpSimulator.StartAsync(Recording,
            Users.Select(u => new SimulatorUser(u.User, u.Auth, AuthKey(u.User), u.SimPriv, PrivKey(u.User))).ToList());

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

public sealed class SnmpsimdAesKeyExtensionTests(SnmpsimdAesFixture fixture) : IClassFixture<SnmpsimdAesFixture>, IAsyncLifetime
{
    private static readonly ObjectIdentifier SysDescr = ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0");
    private static readonly ObjectIdentifier SysName = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");
    private readonly SnmpClient _client = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _client.DisposeAsync();

    public static IEnumerable<object[]> Users() => SnmpsimdAesFixture.Users.Select(u => new object[] { u.User, u.Auth, u.OurPriv });

    private static UsmUser User(string name, string auth, string priv) =>
        new(name, UsmProtocolNames.ParseAuth(auth), SnmpsimdAesFixture.AuthKey(name), UsmProtocolNames.ParsePriv(priv),
            SnmpsimdAesFixture.PrivKey(name), SnmpsimdAesFixture.Recording);

    [Theory]
    [MemberData(nameof(Users))]
    public async Task ReadsSysNameWithEachKeyExtension(string user, string auth, string priv)
    {
        var result = await _client.GetAsync(SnmpTarget.V3(fixture.Simulator.EndPoint, User(user, auth, priv)), [SysName, SysDescr]);
        Assert.Equal("<private>", result[0].Value.Text);
        Assert.Equal("Hillstone Security Appliance SG-6000-E3965", result[1].Value.Text);
    }

    [Theory]
    [InlineData("reeder-sha-aes256", "SHA", "AES-256")]
    [InlineData("blmt-sha-aes256", "SHA", "AES-256-C")]
    [InlineData("reeder-md5-aes192", "MD5", "AES-192")]
    public async Task TheOtherExtensionIsRefused(string user, string auth, string wrongPriv)
    {
        var target = SnmpTarget.V3(fixture.Simulator.EndPoint, User(user, auth, wrongPriv)) with { Timeout = TimeSpan.FromMilliseconds(500), Retries = 0 };
        var e = await Assert.ThrowsAnyAsync<Exception>(() => _client.GetAsync(target, [SysName]));
        Assert.True(e is SnmpTimeoutException or UsmException, e.ToString());
    }
}
