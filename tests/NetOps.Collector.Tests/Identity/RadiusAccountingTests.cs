using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Identity;
using NetOps.Collector.Identity.RadiusAccounting;
using NetOps.Store.Layout;
using NetOps.Store.Schema;
using NetOps.Store.Writing;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Identity;

/// <summary>
/// The RADIUS accounting receiver against FreeRADIUS's radclient on loopback: radclient accepts its
/// Accounting-Responses (it checks the Response Authenticator), the sessions land in a real InfluxDB
/// and in the identity timeline; bad secrets and unknown clients get no answer.
/// </summary>
public sealed class RadiusAccountingTests
{
    private const string Secret = "wlc-accounting-Secret-7";

    private static RadiusAccountingReceiver Receiver(params RadiusClient[] clients) =>
        new(new RadiusAccountingOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), Clients = clients });

    private static async Task<(int ExitCode, string Output)> RadclientAsync(IPEndPoint server, string secret, string attributes)
    {
        var file = Path.Combine(TestDirectories.Create("radclient"), "request.txt");
        await File.WriteAllTextAsync(file, attributes);
        var (code, output, errors) = await ExternalTool.RunAsync("radclient", "-x", "-t", "1", "-r", "1", "-f", file, $"127.0.0.1:{server.Port}", "acct", secret);
        TestDirectories.Delete(Path.GetDirectoryName(file)!);
        return (code, output + errors);
    }

    [Fact]
    public async Task Start_interim_and_stop_from_radclient_are_answered_stored_and_fed_to_the_timeline()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using var client = await server.CreateDatabaseAsync("identity");
        await new StoreLayout(StoreSchema.Current, new Dictionary<string, TimeSpan>(), NullLogger.Instance).EnsureAsync(client);
        var spool = TestDirectories.Create("spool");
        var timeline = new IdentityTimeline();
        await using var receiver = Receiver(new RadiusClient(IPAddress.Loopback, Secret));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        await using (var writer = new StoreWriter(new StoreWriterOptions { DefaultTags = [new("school", "lab-school")] },
            [new SinkOptions("school", server.Endpoint("identity"), spool)]))
        {
            writer.Start();
            var source = new RadiusAccountingSource(receiver, timeline, writer, StoreSchema.Current, NullLogger<RadiusAccountingSource>.Instance);
            await source.StartAsync(CancellationToken.None);

            const string session = "User-Name = \"t.zhang\", NAS-IP-Address = 10.1.0.2, NAS-Identifier = \"wlc-1\", Framed-IP-Address = 10.20.30.40, "
                + "Calling-Station-Id = \"00-14-22-E9-54-5E\", Acct-Session-Id = \"5A1B-0001\"";
            foreach (var status in new[] { "Acct-Status-Type = Start", "Acct-Status-Type = Interim-Update, Acct-Session-Time = 300" })
            {
                var (code, output) = await RadclientAsync(receiver.EndPoint, Secret, session + ", " + status);
                Assert.True(code == 0, output);
                Assert.Contains("Accounting-Response", output);
            }
            var midSession = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
            var stop = await RadclientAsync(receiver.EndPoint, Secret, session + ", Acct-Status-Type = Stop, Acct-Session-Time = 600");
            Assert.True(stop.ExitCode == 0, stop.Output);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (source.Written < 3 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            await source.StopAsync(CancellationToken.None);
            Assert.True((await writer.DrainAsync(TimeSpan.FromSeconds(20)))[0].AllStored);

            Assert.Equal(3, receiver.Answered);
            Assert.Empty(receiver.Dropped);
            var answer = timeline.Lookup(IpAddress.Parse("10.20.30.40"), midSession);
            Assert.NotNull(answer);
            Assert.Equal(("t.zhang", "00:14:22:e9:54:5e", "radius"), (answer.User, answer.Mac?.ToString(), answer.Source));
            Assert.Null(timeline.Lookup(IpAddress.Parse("10.20.30.40"), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds() * 1_000_000));
        }

        var result = await client.QuerySingleAsync("SELECT * FROM events.identity_session");
        var series = Assert.Single(result.Series);
        Assert.Equal("start,interim,stop", string.Join(",", series.Rows.Select(r => (string?)r[series.ColumnIndex("status")])));
        foreach (var row in series.Rows)
        {
            Assert.Equal("t.zhang", row[series.ColumnIndex("user")]);
            Assert.Equal("10.20.30.40", row[series.ColumnIndex("ip")]);
            Assert.Equal("00:14:22:e9:54:5e", row[series.ColumnIndex("mac")]);
            Assert.Equal("10.1.0.2", row[series.ColumnIndex("nas")]);
            Assert.Equal("wlc-1", row[series.ColumnIndex("nas_identifier")]);
            Assert.Equal("5A1B-0001", row[series.ColumnIndex("session_id")]);
            Assert.Equal("lab-school", row[series.ColumnIndex("school")]);
            Assert.Equal("radius_accounting", row[series.ColumnIndex("source")]);
        }
        var stopRow = series.Rows[2];
        Assert.Equal(600L, stopRow[series.ColumnIndex("session_time_seconds")]);
        var started = (long)stopRow[series.ColumnIndex("session_start_seconds")]!;
        Assert.InRange(started, before / 1_000_000_000 - 601, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 599);
        await StoredFields.AssertDeclaredAsync(client, "events", "identity_session");
        Assert.DoesNotContain(Secret, string.Join("|", series.Rows.SelectMany(r => r).Select(v => v?.ToString())));
        TestDirectories.Delete(spool);
    }

    [Fact]
    public async Task Accounting_On_from_a_rebooted_NAS_ends_its_open_sessions()
    {
        await using var receiver = Receiver(new RadiusClient(IPAddress.Loopback, Secret));
        var timeline = new IdentityTimeline();
        var start = await RadclientAsync(receiver.EndPoint, Secret,
            "User-Name = \"s.li\", NAS-IP-Address = 10.1.0.2, Framed-IP-Address = 10.20.30.41, Acct-Session-Id = \"s1\", Acct-Status-Type = Start");
        Assert.True(start.ExitCode == 0, start.Output);
        Assert.True(receiver.Records.TryRead(out var session));
        Assert.Equal(1, session.RecordInto(timeline));
        var during = session.SeenNanos + 1;
        Assert.Equal("s.li", timeline.Lookup(IpAddress.Parse("10.20.30.41"), during)?.User);

        var reboot = await RadclientAsync(receiver.EndPoint, Secret, "NAS-IP-Address = 10.1.0.2, Acct-Status-Type = Accounting-On, Acct-Session-Id = \"0\"");
        Assert.True(reboot.ExitCode == 0, reboot.Output);
        Assert.True(receiver.Records.TryRead(out var on));
        Assert.Equal(NetOps.Analyzer.Protocols.Radius.AcctStatusType.AccountingOn, on.Status);
        Assert.Equal(0, on.RecordInto(timeline));
        Assert.Equal("s.li", timeline.Lookup(IpAddress.Parse("10.20.30.41"), during)?.User);
        Assert.Null(timeline.Lookup(IpAddress.Parse("10.20.30.41"), on.SeenNanos));
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_answer_and_is_counted()
    {
        await using var receiver = Receiver(new RadiusClient(IPAddress.Loopback, Secret));
        var (code, output) = await RadclientAsync(receiver.EndPoint, "not-the-secret", "User-Name = \"s.li\", Acct-Status-Type = Start, Acct-Session-Id = \"x1\"");
        Assert.NotEqual(0, code);
        Assert.Contains("No reply", output, StringComparison.OrdinalIgnoreCase);
        Assert.True(receiver.Dropped.TryGetValue("bad_authenticator", out var bad) && bad >= 1);
        Assert.Equal(0, receiver.Answered);
        Assert.False(receiver.Records.TryRead(out _));
    }

    [Fact]
    public async Task An_unknown_client_gets_no_answer_and_a_retransmission_is_answered_but_recorded_once()
    {
        await using var receiver = Receiver(new RadiusClient(IPAddress.Parse("127.0.0.2"), Secret));
        var request = AccountingRequest(7, Secret);

        using (var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            await stranger.SendAsync(request, receiver.EndPoint);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!receiver.Dropped.ContainsKey("unknown_client") && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            Assert.Equal(1, receiver.Dropped["unknown_client"]);
            Assert.Equal(0, stranger.Available);
        }

        using var nas = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        for (var i = 0; i < 2; i++)
        {
            await nas.SendAsync(request, receiver.EndPoint);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var response = (await nas.ReceiveAsync(timeout.Token)).Buffer;
            Assert.Equal((byte)5, response[0]);
            Assert.Equal(request[1], response[1]);
            // Response Authenticator = MD5(Code | ID | Length | Request Authenticator | secret), computed here independently.
            var expected = MD5.HashData([.. response[..4], .. request[4..20], .. Encoding.UTF8.GetBytes(Secret)]);
            Assert.Equal(expected, response[4..20]);
        }
        Assert.Equal(2, receiver.Answered);
        Assert.Equal(1, receiver.Duplicates);
        Assert.True(receiver.Records.TryRead(out var record));
        Assert.Equal("s.li", record.User);
        Assert.False(receiver.Records.TryRead(out _));
    }

    /// <summary>An Accounting-Request (Start) built by hand, with its Request Authenticator per RFC 2866 §3.</summary>
    private static byte[] AccountingRequest(byte identifier, string secret)
    {
        byte[] user = [1, 6, .. "s.li"u8];
        byte[] status = [40, 6, 0, 0, 0, 1];
        byte[] session = [44, 4, .. "x1"u8];
        var length = 20 + user.Length + status.Length + session.Length;
        byte[] packet = [4, identifier, (byte)(length >> 8), (byte)length, .. new byte[16], .. user, .. status, .. session];
        MD5.HashData([.. packet, .. Encoding.UTF8.GetBytes(secret)]).CopyTo(packet, 4);
        return packet;
    }
}
