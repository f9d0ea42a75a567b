using System.Globalization;
using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Tests.Protocols;

namespace NetOps.Analyzer.Tests.Identity;

/// <summary>
/// The identity timeline built from the corpus captures by the DHCP, DHCPv6 and RADIUS inspectors
/// answers "who had this address (or MAC) at time t" as tshark's dissection of the same frames says.
/// </summary>
public class TimelineCorpusTests
{
    private const long Second = 1_000_000_000;

    private static IdentityTimeline Replay(string file)
    {
        var timeline = new IdentityTimeline();
        PipelineReplay.Run(CaptureCorpus.PathOf(file), new DhcpInspector(timeline), new Dhcpv6Inspector(timeline), new RadiusInspector(timeline));
        return timeline;
    }

    private static long Nanos(string epoch) => (long)(decimal.Parse(epoch, CultureInfo.InvariantCulture) * Second);

    public static TheoryData<string> DhcpCaptures() =>
        ["zeek/dhcp_dhcp.pcap", "zeek/dhcp_dhcp_ack_subscriber_id_and_agent_remote_id.pcap", "ndpi/1kxun.pcap", "ndpi/alexa-app.pcapng", "ndpi/gnutella.pcap"];

    [Theory]
    [MemberData(nameof(DhcpCaptures))]
    public async Task Every_DHCP_ACK_lease_answers_with_its_MAC_and_host_name(string file)
    {
        var timeline = Replay(file);
        var frames = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "dhcp", "frame.time_epoch", "dhcp.option.dhcp", "dhcp.id", "dhcp.ip.your", "dhcp.hw.mac_addr",
            "dhcp.option.ip_address_lease_time", "dhcp.option.hostname");
        var hostByXid = new Dictionary<string, string>();
        var leaseSpans = new Dictionary<IpAddress, (long First, long End)>();
        var checkedLeases = 0;
        foreach (var (_, frame) in frames.OrderBy(f => f.Key))
        {
            var type = frame.First("dhcp.option.dhcp");
            if (type is "1" or "3" && frame.First("dhcp.option.hostname") is { } requested)
                hostByXid[frame.First("dhcp.id")!] = requested;
            if (type != "5" || frame.First("dhcp.option.ip_address_lease_time") is not { } lease || frame.First("dhcp.ip.your") == "0.0.0.0")
                continue;
            var at = Nanos(frame.First("frame.time_epoch")!);
            var address = IpAddress.Parse(frame.First("dhcp.ip.your")!);
            var hostName = frame.First("dhcp.option.hostname") ?? hostByXid.GetValueOrDefault(frame.First("dhcp.id")!);
            var answer = timeline.Lookup(address, at + long.Parse(lease, CultureInfo.InvariantCulture) * Second / 2);
            Assert.NotNull(answer);
            Assert.Equal(frame.First("dhcp.hw.mac_addr"), answer.Mac?.ToString());
            Assert.Equal(hostName, answer.HostName);
            Assert.Equal("dhcp", answer.Source);
            var end = at + long.Parse(lease, CultureInfo.InvariantCulture) * Second;
            leaseSpans[address] = leaseSpans.TryGetValue(address, out var span) ? (span.First, end) : (at, end);
            checkedLeases++;
        }
        Assert.True(checkedLeases > 0);
        foreach (var (address, (first, end)) in leaseSpans)
        {
            Assert.Null(timeline.Lookup(address, first - 1));
            Assert.Null(timeline.Lookup(address, end));
        }
    }

    public static TheoryData<string> Dhcpv6Captures() =>
        ["arkime/wireshark-dhcpv6.pcap", "tcpdump/dhcpv6-ia-na.pcap", "tcpdump/dhcpv6-AFTR-Name-RFC6334.pcap"];

    [Theory]
    [MemberData(nameof(Dhcpv6Captures))]
    public async Task Every_DHCPv6_Reply_address_and_prefix_answers_with_the_client_DUID_MAC(string file)
    {
        var timeline = Replay(file);
        var frames = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "dhcpv6.msgtype == 7", "frame.time_epoch", "dhcpv6.duidll.link_layer_addr", "dhcpv6.duidllt.link_layer_addr",
            "dhcpv6.iaaddr.ip", "dhcpv6.iaaddr.valid_lifetime", "dhcpv6.iaprefix.pref_addr", "dhcpv6.iaprefix.valid_lifetime", "dhcpv6.duid.bytes");
        var checkedLeases = 0;
        foreach (var (_, frame) in frames)
        {
            var at = Nanos(frame.First("frame.time_epoch")!);
            // The client's DUID comes first in these replies; its link-layer address is the device.
            var clientDuid = frame.Values("dhcpv6.duid.bytes")[0];
            var mac = frame.Values("dhcpv6.duidll.link_layer_addr").Concat(frame.Values("dhcpv6.duidllt.link_layer_addr"))
                .Single(m => clientDuid.EndsWith(m.Replace(":", ""), StringComparison.Ordinal));
            var leases = frame.Values("dhcpv6.iaaddr.ip").Zip(frame.Values("dhcpv6.iaaddr.valid_lifetime"))
                .Concat(frame.Values("dhcpv6.iaprefix.pref_addr").Select(InsidePrefix).Zip(frame.Values("dhcpv6.iaprefix.valid_lifetime")));
            foreach (var (address, valid) in leases)
            {
                var answer = timeline.Lookup(IpAddress.Parse(address), at + long.Parse(valid, CultureInfo.InvariantCulture) * Second / 2);
                Assert.NotNull(answer);
                Assert.Equal(mac, answer.Mac?.ToString());
                Assert.Equal("dhcpv6", answer.Source);
                checkedLeases++;
            }
        }
        Assert.True(checkedLeases > 0);
    }

    /// <summary>An address inside a delegated prefix (its host bits set to ::1234).</summary>
    private static string InsidePrefix(string prefix) => new IpAddress(IpAddress.Parse(prefix).Value | 0x1234).ToIPv6String();

    [Fact]
    public async Task RADIUS_interim_update_answers_with_user_and_Calling_Station_MAC_from_the_session_start()
    {
        const string file = "arkime/radius.pcap";
        var timeline = Replay(file);
        var frame = (await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "radius.code == 4", "frame.time_epoch", "radius.User_Name", "radius.Framed-IP-Address",
            "radius.Calling_Station_Id", "radius.Acct_Session_Time")).Values.Single();
        var seen = Nanos(frame.First("frame.time_epoch")!);
        var started = seen - long.Parse(frame.First("radius.Acct_Session_Time")!, CultureInfo.InvariantCulture) * Second;
        var address = IpAddress.Parse(frame.First("radius.Framed-IP-Address")!);
        var mac = string.Join(':', frame.First("radius.Calling_Station_Id")!.ToLowerInvariant().Chunk(2).Select(c => new string(c)));

        foreach (var at in new[] { started, started + (seen - started) / 2, seen, seen + 600 * Second })
        {
            var answer = timeline.Lookup(address, at);
            Assert.NotNull(answer);
            Assert.Equal(frame.First("radius.User_Name"), answer.User);
            Assert.Equal(mac, answer.Mac?.ToString());
            Assert.Equal("radius", answer.Source);
        }
        Assert.Null(timeline.Lookup(address, started - 1));
        Assert.Equal(frame.First("radius.User_Name"), timeline.LookupMac(new MacAddress(Convert.ToUInt64(mac.Replace(":", ""), 16)), seen)?.User);
    }

    [Fact]
    public async Task RADIUS_Access_Accept_with_Framed_IP_answers_with_the_user_of_its_request()
    {
        const string file = "zeek/radius_radius_localhost.pcap";
        var timeline = Replay(file);
        var frames = (await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "radius", "frame.time_epoch", "radius.code", "radius.id", "radius.User_Name", "radius.Framed-IP-Address"))
            .OrderBy(f => f.Key).Select(f => f.Value).ToList();
        var checkedAccepts = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].First("radius.code") != "2" || frames[i].First("radius.Framed-IP-Address") is not { } framed)
                continue;
            var user = frames[i].First("radius.User_Name")
                ?? frames.Take(i).Last(f => f.First("radius.code") == "1" && f.First("radius.id") == frames[i].First("radius.id")).First("radius.User_Name");
            var answer = timeline.Lookup(IpAddress.Parse(framed), Nanos(frames[i].First("frame.time_epoch")!));
            Assert.NotNull(answer);
            Assert.Equal(user, answer.User);
            checkedAccepts++;
        }
        Assert.True(checkedAccepts >= 4);
    }

    [Fact]
    public async Task RADIUS_Access_Accept_leaving_the_address_to_the_NAS_still_joins_MAC_and_user()
    {
        const string file = "zeek/radius_radius.pcap";
        var timeline = Replay(file);
        var frames = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), "radius", "frame.time_epoch", "radius.code", "radius.User_Name", "radius.Calling_Station_Id", "radius.Framed-IP-Address");
        var accept = frames.Values.Single(f => f.First("radius.code") == "2");
        Assert.Equal("255.255.255.254", accept.First("radius.Framed-IP-Address"));
        var request = frames.Values.First(f => f.First("radius.code") == "1");
        var mac = new MacAddress(Convert.ToUInt64(request.First("radius.Calling_Station_Id")!.Replace("-", ""), 16));

        var answer = timeline.LookupMac(mac, Nanos(accept.First("frame.time_epoch")!));
        Assert.NotNull(answer);
        Assert.Equal(request.First("radius.User_Name"), answer.User);
        Assert.Null(answer.Address);
        Assert.Null(timeline.Lookup(IpAddress.Parse("255.255.255.254"), Nanos(accept.First("frame.time_epoch")!)));
    }
}
