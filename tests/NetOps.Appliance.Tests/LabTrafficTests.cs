using System.Security.Cryptography;
using NetOps.Appliance.Lab.Traffic;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary>The lab's generated campus traffic, checked by tshark: well-formed and holding what the analyzer must find.</summary>
public sealed class LabTrafficTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private readonly string _directory = TestDirectories.Create("labtraffic");

    public void Dispose() => TestDirectories.Delete(_directory);

    private string Generate(string name, int seconds, int hosts, int seed = 2026)
    {
        var path = Path.Combine(_directory, name);
        using var file = File.Create(path);
        CampusMix.Write(file, Start, TimeSpan.FromSeconds(seconds), hosts, seed);
        return path;
    }

    [Fact]
    public async Task TsharkFindsNoMalformedFrameOrBadChecksum()
    {
        var path = Generate("mix.pcap", 30, 12);
        var (code, output, errors) = await Tshark.RunAsync("-r", path, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE", "-q", "-z", "expert,warn");
        Assert.True(code == 0, errors);
        // expert,warn lists warnings and errors only (malformed, bad checksum, sequence problems); the table must be empty.
        Assert.DoesNotContain("Malformed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Warns (", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Errors (", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldsEveryProtocolTheAnalyzerAudits()
    {
        var path = Generate("mix.pcap", 30, 12);
        var (_, hierarchy, _) = await Tshark.RunAsync("-r", path, "-q", "-z", "io,phs");
        foreach (var protocol in new[] { "ipv6", "icmpv6", "dhcp", "radius", "dns", "tls", "http", "snmp", "telnet" })
            Assert.Matches($@"(?m)^\s+{protocol}\s+frames:\d+", hierarchy);

        var (_, names, _) = await Tshark.RunAsync("-r", path, "-Y", "tls.handshake.type == 1", "-T", "fields", "-e", "tls.handshake.extensions_server_name");
        Assert.Contains("basic.smartedu.cn", names, StringComparison.Ordinal);
        var (_, v6Hellos, _) = await Tshark.RunAsync("-r", path, "-Y", "ipv6 && tls.handshake.type == 1", "-T", "fields", "-e", "ipv6.src");
        Assert.NotEmpty(v6Hellos.Trim());
        var (_, aaaa, _) = await Tshark.RunAsync("-r", path, "-Y", "dns.qry.type == 28 && dns.flags.response == 1 && dns.count.answers > 0", "-T", "fields", "-e", "dns.aaaa");
        Assert.Contains("2001:db8:f00d::", aaaa, StringComparison.Ordinal);
        var (_, radius, _) = await Tshark.RunAsync("-r", path, "-Y", "radius.code == 4", "-T", "fields", "-e", "radius.User_Name", "-e", "radius.Framed-IP-Address");
        Assert.Matches(@"s2026\d{4}\t10\.20\.\d+\.\d+", radius);
        var (_, leases, _) = await Tshark.RunAsync("-r", path, "-Y", "dhcp.option.dhcp == 5", "-T", "fields", "-e", "dhcp.ip.your");
        Assert.Equal(12, leases.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var (_, basic, _) = await Tshark.RunAsync("-r", path, "-Y", "http.authorization", "-T", "fields", "-e", "http.authbasic");
        Assert.Contains("admin:printer123", basic, StringComparison.Ordinal);
        var (_, community, _) = await Tshark.RunAsync("-r", path, "-Y", "snmp", "-T", "fields", "-e", "snmp.community");
        Assert.Contains("campus-ro", community, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMinerSpeaksXmrigsProtocolToThePool()
    {
        var path = Generate("mix.pcap", 60, 70);
        var (_, stream, _) = await Tshark.RunAsync("-r", path, "-q", "-z", "follow,tcp,ascii,198.51.100.66:3333,10.20.1.66:50066");
        Assert.Contains("\"method\":\"login\"", stream, StringComparison.Ordinal);
        Assert.Contains("\"agent\":\"XMRig/6.21.0", stream, StringComparison.Ordinal);
        Assert.Contains("\"method\":\"submit\"", stream, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"OK\"", stream, StringComparison.Ordinal);
    }

    [Fact]
    public void SameSeedWritesTheSameBytesAndAnotherSeedDoesNot()
    {
        var a = SHA256.HashData(File.ReadAllBytes(Generate("a.pcap", 10, 5, seed: 7)));
        var b = SHA256.HashData(File.ReadAllBytes(Generate("b.pcap", 10, 5, seed: 7)));
        var c = SHA256.HashData(File.ReadAllBytes(Generate("c.pcap", 10, 5, seed: 8)));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
