using System.Globalization;
using NetOps.Analyzer.Identity;
using NetOps.Analyzer.Protocols.Radius;
using NetOps.Analyzer.Storage;
using NetOps.Analyzer.Tests.Corpus;
using NetOps.Analyzer.Tests.Identity;
using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Analyzer.Tests.Storage;

/// <summary>
/// RADIUS accounting seen on the wire: every Accounting-Request of a corpus capture that tshark
/// dissects becomes one identity_session point (source=capture) with tshark's values, and none comes
/// from Access-Requests, Accepts or Accounting-Responses.
/// </summary>
public class IdentitySessionPointsTests
{
    private static readonly StoreSchema Schema = StoreSchema.Current;

    public static TheoryData<string, int> RadiusCaptures() => new()
    {
        { "arkime/radius.pcap", 1 },                // real Aruba Interim-Update, and its Accounting-Response
        { "tcpdump/RADIUS-RFC4675.pcap", 0 },       // Access-Request/Accept only (Linux SLL)
        { "zeek/radius_radius.pcap", 0 },           // EAP Access-Request/Challenge/Accept
        { "zeek/radius_radius_localhost.pcap", 0 }, // Access-Accepts with Framed-IP (BSD null link type)
    };

    [Theory]
    [MemberData(nameof(RadiusCaptures))]
    public async Task Every_Accounting_Request_on_the_wire_is_one_point_with_tsharks_values(string file, int accountingRequests)
    {
        var path = CaptureCorpus.PathOf(file);
        var timeline = new IdentityTimeline();
        var inspector = new RadiusInspector(timeline);
        var records = new List<AccountingRecord>();
        inspector.AccountingRead += records.Add;
        PipelineReplay.Run(path, inspector);

        var frames = (await TsharkFields.ReadAsync(path, "radius.code == 4", "frame.time_epoch", "ip.src", "ipv6.src", "radius.Acct_Status_Type", "radius.User_Name",
                "radius.Framed-IP-Address", "radius.NAS_IP_Address", "radius.NAS_Identifier", "radius.Calling_Station_Id", "radius.Acct_Session_Id", "radius.Acct_Session_Time"))
            .OrderBy(f => f.Key).Select(f => f.Value).ToList();
        Assert.Equal(accountingRequests, frames.Count);
        Assert.Equal(frames.Count, records.Count);

        var builder = new IdentitySessionPoints(Schema, IdentitySessionPoints.Capture);
        var points = records.Select(builder.Of).ToList();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var point = points[i];
            Assert.Empty(Schema.Violations(point));
            Assert.Equal(("identity_session", "events"), (point.Measurement, point.RetentionPolicy));
            var seen = Nanos(frame.First("frame.time_epoch")!);
            Assert.Equal(seen, point.TimestampNanoseconds);
            Assert.Equal(frame.First("radius.NAS_IP_Address") ?? frame.First("ip.src") ?? frame.First("ipv6.src"), Tag(point, "nas"));
            Assert.Equal(StatusName(frame.First("radius.Acct_Status_Type")), Tag(point, "status"));
            Assert.Equal("capture", Tag(point, "source"));
            Assert.Equal(frame.First("radius.User_Name") ?? "", Text(point, "user"));
            Assert.Equal(frame.First("radius.Framed-IP-Address") is { } framed && framed is not ("255.255.255.254" or "255.255.255.255" or "0.0.0.0") ? framed : "", Text(point, "ip"));
            Assert.Equal(Mac(frame.First("radius.Calling_Station_Id")), Text(point, "mac"));
            Assert.Equal(frame.First("radius.Acct_Session_Id") ?? "", Text(point, "session_id"));
            Assert.Equal(frame.First("radius.NAS_Identifier") ?? "", Text(point, "nas_identifier"));
            var sessionTime = frame.First("radius.Acct_Session_Time") is { } time ? long.Parse(time, CultureInfo.InvariantCulture) : (long?)null;
            Assert.Equal(sessionTime, Integer(point, "session_time_seconds"));
            Assert.Equal((seen - (sessionTime ?? 0) * 1_000_000_000) / 1_000_000_000, Integer(point, "session_start_seconds"));
        }
    }

    [Fact]
    public void Requests_in_the_same_nanosecond_get_distinct_timestamps_but_an_older_file_keeps_its_own_time()
    {
        var builder = new IdentitySessionPoints(Schema, IdentitySessionPoints.Receiver);
        const long t = 1_796_025_600_000_000_000;
        var stamps = new[] { t, t, t, t + 1, t - 500_000_000, t - 3_600_000_000_000 }
            .Select(seen => builder.Of(Record(seen)).TimestampNanoseconds!.Value).ToList();
        Assert.Equal([t, t + 1, t + 2, t + 3, t + 4, t - 3_600_000_000_000], stamps);
        Assert.Equal("radius_accounting", Tag(builder.Of(Record(t)), "source"));
    }

    [Fact]
    public void A_session_with_an_IPv6_prefix_and_no_session_time_encodes_to_one_declared_line()
    {
        var record = Record(1_796_025_600_123_456_789) with
        {
            Status = AcctStatusType.Stop,
            FramedIpv6Prefix = IpAddress.Parse("2001:db8:20:100::"),
            FramedIpv6PrefixLength = 56,
            Mac = new MacAddress(0x001422E9545E),
        };
        var point = new IdentitySessionPoints(Schema, IdentitySessionPoints.Capture).Of(record);
        Assert.Empty(Schema.Violations(point));
        var line = point.ToString();
        Assert.StartsWith("identity_session,nas=10.1.0.2,source=capture,status=stop ", line);
        Assert.Contains("ipv6=\"2001:db8:20:100::/56\"", line);
        Assert.Contains("mac=\"00:14:22:e9:54:5e\"", line);
        Assert.Contains("session_start_seconds=1796025600i", line);
        Assert.DoesNotContain("session_time_seconds", line);
        Assert.EndsWith(" 1796025600123456789", line);
    }

    private static AccountingRecord Record(long seen) => new()
    {
        Status = AcctStatusType.Start,
        User = "t.zhang",
        Nas = IpAddress.Parse("10.1.0.2"),
        SessionId = "5A1B-0001",
        SessionStartNanos = seen,
        SeenNanos = seen,
    };

    private static long Nanos(string epoch) => (long)(decimal.Parse(epoch, CultureInfo.InvariantCulture) * 1_000_000_000);

    /// <summary>tshark's Acct-Status-Type number as the status tag.</summary>
    private static string StatusName(string? type) => type switch
    {
        "1" => "start",
        "2" => "stop",
        "3" => "interim",
        "7" => "accounting_on",
        "8" => "accounting_off",
        _ => "other",
    };

    /// <summary>Calling-Station-Id as tshark prints it (985AEB898000, 98-5A-EB-…) read as a MAC, else empty.</summary>
    private static string Mac(string? callingStation)
    {
        var hex = new string((callingStation ?? "").Where(char.IsAsciiHexDigit).ToArray()).ToLowerInvariant();
        return hex.Length == 12 ? string.Join(':', hex.Chunk(2).Select(c => new string(c))) : "";
    }

    private static string? Tag(Point point, string key) => point.Tags.SingleOrDefault(t => t.Key == key).Value;

    private static string? Text(Point point, string key) => point.Fields.Single(f => f.Key == key).Value.String;

    private static long? Integer(Point point, string key) => point.Fields.Where(f => f.Key == key).Select(f => (long?)f.Value.Integer).SingleOrDefault();
}
