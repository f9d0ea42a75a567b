using System.Net;
using NetOps.Testing;

namespace NetOps.Snmp.Tests;

/// <summary>A real net-snmp snmpd on 127.0.0.1 and a free UDP port, with the v3 users of <see cref="V3Users"/>.</summary>
public sealed class SnmpdServer : IAsyncLifetime
{
    public const string Community = "netops-ro";
    private SnmpdProcess? _snmpd;

    public IPEndPoint EndPoint => _snmpd!.EndPoint;
    public string Address => _snmpd!.Address;

    public async Task InitializeAsync() =>
        _snmpd = await SnmpdProcess.StartAsync(V3Users.Config() + $"""
            rocommunity {Community} 127.0.0.1
            sysName netops-snmpd
            sysLocation 实验室 lab rack 1
            sysContact noc@example.invalid
            sysServices 72
            """, Community);

    public async Task DisposeAsync()
    {
        if (_snmpd is not null)
            await _snmpd.DisposeAsync();
    }
}
