using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Tests.InspectionContract;

public sealed class DetectionLogTests
{
    private static readonly IpAddress Client = IpAddress.Parse("10.1.2.3");

    private static Detection Mining(DetectionConfidence confidence, long first, long last, ulong flow = 7) => new()
    {
        Kind = "mining",
        Confidence = confidence,
        Protocol = "stratum",
        Detector = "mining",
        FlowId = flow,
        TransportProtocol = 6,
        Client = Client,
        ClientPort = 50000,
        Server = IpAddress.Parse("203.0.113.9"),
        ServerPort = 3333,
        FirstSeenNanos = first,
        LastSeenNanos = last,
        Evidence = "{\"method\":\"mining.subscribe\"}",
    };

    [Fact]
    public void Reports_of_one_flow_and_kind_merge_into_one_entry_keeping_the_strongest_confidence_and_widest_times()
    {
        var raised = new List<Detection>();
        var log = new DetectionLog();
        log.Raised += raised.Add;

        log.Report(Mining(DetectionConfidence.Probable, 100, 200));
        log.Report(Mining(DetectionConfidence.Confirmed, 150, 300));
        log.Report(Mining(DetectionConfidence.Suspicious, 50, 120));

        var entry = Assert.Single(log.Snapshot());
        Assert.Equal(DetectionConfidence.Confirmed, entry.Confidence);
        Assert.Equal(50, entry.FirstSeenNanos);
        Assert.Equal(300, entry.LastSeenNanos);
        Assert.Equal([DetectionConfidence.Probable, DetectionConfidence.Confirmed], raised.Select(d => d.Confidence));
    }

    [Fact]
    public void Different_flows_are_different_entries_in_report_order()
    {
        var log = new DetectionLog();
        log.Report(Mining(DetectionConfidence.Probable, 1, 1, flow: 2));
        log.Report(Mining(DetectionConfidence.Probable, 1, 1, flow: 1));
        Assert.Equal([2UL, 1UL], log.Snapshot().Select(d => d.FlowId));
    }

    [Fact]
    public void Entries_name_the_user_and_mac_holding_the_client_address_and_the_server_name_even_when_learned_later()
    {
        var names = new Names();
        var log = new DetectionLog(new Identity(), names);
        log.Report(Mining(DetectionConfidence.Confirmed, 1_000, 2_000));
        names.Name = "pool.example.org";

        var entry = Assert.Single(log.Snapshot());
        Assert.Equal("zhang.san", entry.User);
        Assert.Equal(new MacAddress(0x0011_2233_4455), entry.ClientMac);
        Assert.Equal("pool.example.org", entry.ServerName);
    }

    [Fact]
    public void An_address_nobody_held_at_that_time_leaves_user_and_mac_unknown()
    {
        var log = new DetectionLog(new Identity());
        log.Report(Mining(DetectionConfidence.Confirmed, 5_000, 6_000));
        var entry = Assert.Single(log.Snapshot());
        Assert.Null(entry.User);
        Assert.Null(entry.ClientMac);
    }

    private sealed class Identity : IIdentityLookup
    {
        public IdentityAnswer? Lookup(IpAddress address, long timestampNanos) =>
            address == Client && timestampNanos < 3_000 ? new IdentityAnswer("zhang.san", new MacAddress(0x0011_2233_4455), null, "radius") : null;
    }

    private sealed class Names : IServerNames
    {
        public string? Name;

        public bool TryGetServerName(ulong flowId, out string serverName)
        {
            serverName = Name ?? "";
            return Name is not null && flowId == 7;
        }
    }
}
