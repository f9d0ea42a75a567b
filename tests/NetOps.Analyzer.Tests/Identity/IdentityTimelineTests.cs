using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Tests.Identity;

/// <summary>The timeline's rules on bindings built by hand: joins, hand-overs, ends and memory bounds.</summary>
public class IdentityTimelineTests
{
    private const long Second = 1_000_000_000;
    private static readonly IpAddress Address = IpAddress.Parse("10.20.30.40");
    private static readonly MacAddress Laptop = new(0x001422E9545E);
    private static readonly MacAddress Phone = new(0x985AEB898000);

    private static IdentityBinding Lease(IpAddress address, MacAddress mac, long start, long end, string? host = null) =>
        new() { Address = address, StartNanos = start * Second, EndNanos = end * Second, Mac = mac, HostName = host, Source = "dhcp" };

    [Fact]
    public void A_DHCP_lease_gets_the_user_RADIUS_gave_its_MAC()
    {
        var timeline = new IdentityTimeline();
        timeline.Record(new IdentityBinding { Address = null, StartNanos = 0, EndNanos = 3600 * Second, Mac = Laptop, User = "t.zhang", Source = "radius" });
        timeline.Record(Lease(Address, Laptop, 10, 910, "zhang-pc"));

        var answer = timeline.Lookup(Address, 500 * Second);
        Assert.Equal(new IdentityAnswer("t.zhang", Laptop, "zhang-pc", "dhcp"), answer);
        Assert.Equal(new MacIdentity("t.zhang", Address, "zhang-pc", "dhcp"), timeline.LookupMac(Laptop, 500 * Second));
        // Before the lease the address is unknown, though the device's user is.
        Assert.Null(timeline.Lookup(Address, 5 * Second));
    }

    [Fact]
    public void An_address_handed_to_another_device_ends_the_earlier_holder_there()
    {
        var timeline = new IdentityTimeline();
        timeline.Record(Lease(Address, Laptop, 0, 900));
        timeline.Record(Lease(Address, Phone, 300, 1200));

        Assert.Equal(Laptop, timeline.Lookup(Address, 299 * Second)?.Mac);
        Assert.Equal(Phone, timeline.Lookup(Address, 300 * Second)?.Mac);
        Assert.Equal(Phone, timeline.Lookup(Address, 1000 * Second)?.Mac);
        Assert.Null(timeline.Lookup(Address, 1200 * Second));
    }

    [Fact]
    public void A_renewal_by_the_same_device_extends_its_lease()
    {
        var timeline = new IdentityTimeline();
        timeline.Record(Lease(Address, Laptop, 0, 900, "zhang-pc"));
        timeline.Record(Lease(Address, Laptop, 450, 1350));
        var answer = timeline.Lookup(Address, 1300 * Second);
        Assert.Equal(new IdentityAnswer(null, Laptop, "zhang-pc", "dhcp"), answer);
        Assert.Equal(Laptop, timeline.Lookup(Address, 100 * Second)?.Mac);
    }

    [Fact]
    public void Release_ends_a_lease_at_its_time()
    {
        var timeline = new IdentityTimeline();
        timeline.Record(Lease(Address, Laptop, 0, 900));
        timeline.End(Address, 100 * Second, "dhcp");
        Assert.NotNull(timeline.Lookup(Address, 99 * Second));
        Assert.Null(timeline.Lookup(Address, 100 * Second));
        Assert.Null(timeline.LookupMac(Laptop, 100 * Second));
    }

    [Fact]
    public void A_RADIUS_stop_closes_the_session_its_start_opened()
    {
        var timeline = new IdentityTimeline();
        var session = new IdentityBinding { Address = Address, StartNanos = 0, EndNanos = timeline.OpenSessionHorizonNanos, User = "s.li", Mac = Phone, Source = "radius" };
        timeline.Record(session);
        Assert.Equal("s.li", timeline.Lookup(Address, 3600 * Second)?.User);
        timeline.Record(session with { StartNanos = 2 * Second, EndNanos = 1800 * Second });
        Assert.Equal("s.li", timeline.Lookup(Address, 1 * Second)?.User);
        Assert.Null(timeline.Lookup(Address, 3600 * Second));
    }

    [Fact]
    public void A_delegated_prefix_answers_for_addresses_inside_it()
    {
        var timeline = new IdentityTimeline();
        timeline.Record(new IdentityBinding { Address = IpAddress.Parse("2001:db8:40::"), PrefixLength = 56, StartNanos = 0, EndNanos = 3600 * Second, Mac = Laptop, Source = "dhcpv6" });
        Assert.Equal(Laptop, timeline.Lookup(IpAddress.Parse("2001:db8:40:ff::1"), 10 * Second)?.Mac);
        Assert.Null(timeline.Lookup(IpAddress.Parse("2001:db8:41::1"), 10 * Second));
    }

    [Fact]
    public void Memory_stays_within_its_bounds_and_counts_what_it_drops()
    {
        var timeline = new IdentityTimeline(new IdentityTimelineOptions { MaxAddresses = 100, MaxMacs = 100, MaxBindingsPerKey = 4 });
        for (uint i = 0; i < 1000; i++)
            timeline.Record(Lease(IpAddress.FromIPv4(0x0A000000 + i), new MacAddress(0x020000000000UL + i), i, i + 60));
        // One address handed between 10 devices: only the last 4 hand-overs stay.
        for (var i = 0; i < 10; i++)
            timeline.Record(Lease(Address, new MacAddress(0x020000001000 + (ulong)i), (uint)(2000 + i * 10), (uint)(2000 + i * 10 + 60)));

        Assert.Equal(100, timeline.AddressCount);
        Assert.Equal(100, timeline.MacCount);
        Assert.True(timeline.Evicted >= 900 + 6);
        Assert.Null(timeline.Lookup(IpAddress.FromIPv4(0x0A000000), 30 * Second));
        Assert.Equal(new MacAddress(0x020000001009), timeline.Lookup(Address, 2095 * Second)?.Mac);
        Assert.Null(timeline.Lookup(Address, 2005 * Second));
    }
}
