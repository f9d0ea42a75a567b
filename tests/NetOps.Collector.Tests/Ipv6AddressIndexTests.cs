using System.Net;
using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests;

public sealed class Ipv6AddressIndexTests
{
    private static uint[] Arcs(string dotted) => dotted.Split('.').Select(uint.Parse).ToArray();

    [Theory]
    // RFC 4293: ipv6(2), length 16, the octets (from vrp_ne).
    [InlineData("2.16.32.1.7.248.0.47.0.0.0.0.0.0.0.0.1.48", "2001:7f8:2f::130", false)]
    // ipv6z(4), length 20: octets then a 4-octet zone (ciscosb: zone 100000).
    [InlineData("4.20.254.128.0.0.0.0.0.0.38.113.33.255.254.163.126.251.0.1.134.160", "fe80::2671:21ff:fea3:7efb", false)]
    // FortiOS: ipv6(2), eight 16-bit words, then the ifIndex (fortigate_1500d).
    [InlineData("2.8193.1552.2496.0.0.0.0.1.107", "2001:610:9c0::1", true)]
    [InlineData("2.65152.0.0.0.91.3839.65178.22448.85", "fe80::5b:eff:fe9a:57b0", true)]
    public void DecodesEachIndexForm(string index, string address, bool fortiOs)
    {
        Assert.Equal(IPAddress.Parse(address), Ipv6AddressIndex.Decode(Arcs(index), out var nonStandard));
        Assert.Equal(fortiOs, nonStandard);
    }

    [Theory]
    [InlineData("1.4.192.0.2.1")]                                    // IPv4
    [InlineData("2.16.32.1.7.248.0.47.0.0.0.0.0.0.0.0.1")]           // one octet short
    [InlineData("2.16.32.1.7.248.0.47.0.0.0.0.0.0.0.0.1.300")]       // an octet above 255
    [InlineData("2.8193.1552.2496.0.0.0.0.70000.107")]               // a word above 65535
    [InlineData("2")]
    public void RefusesWhatIsNotAnIpv6Index(string index) => Assert.Null(Ipv6AddressIndex.Decode(Arcs(index), out _));

    [Theory]
    [InlineData("2001:db8::1", Ipv6Scope.Global)]
    [InlineData("fd00:99:99::3", Ipv6Scope.UniqueLocal)]
    [InlineData("fe80::1", Ipv6Scope.LinkLocal)]
    [InlineData("::1", null)]
    [InlineData("ff02::1", null)]
    [InlineData("::", null)]
    [InlineData("::ffff:192.0.2.1", null)]
    [InlineData("fec0::1", null)]
    public void ScopesCountOnlyUnicastAddresses(string address, string? scope) => Assert.Equal(scope, Ipv6AddressIndex.Scope(IPAddress.Parse(address)));
}
