using System.Text;
using System.Text.Json;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary><c>netops ingest</c> end to end: real influxd, the real program, real signals.</summary>
public sealed class IngestTests
{
    private const int SigKill = 9;
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task StoresEveryGoodLineAndKeepsTheMalformedOnesWithTheirLineNumbers()
    {
        await using var server = await InfluxTestServer.StartAsync();
        var work = TestDirectories.Create("ingest");
        var input = Path.Combine(work, "backfill.lp");
        File.WriteAllText(input,
            "# a comment\r\n" +
            "room,building=教学楼\\ A temp=21.5,ok=true 1700000000000000000\r\n" +
            "room,building=B temp=oops 1700000000000000000\n" +
            "\n" +
            "room,building=C temp=19.0 1700000000000000000\n" +
            "room,building=D note=\"two\nlines\" 1700000000000000000\n" +
            "room,building=E temp=18.0\n");
        using var run = await NetOpsCommand.RunAsync(work, Generous,
            "ingest", input, "--store", server.Url.ToString(), "--db", "backfill", "--create-db", "--spool", Path.Combine(work, "spool"));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("stored", run.Stdout);
        Assert.Contains("4 lines", run.Stdout);
        Assert.Contains("line 3: invalid field value", run.Output);

        using var client = server.Endpoint("backfill") is var endpoint ? new NetOps.Store.Reading.InfluxQueryClient(endpoint) : null!;
        var result = await client.QuerySingleAsync("SELECT * FROM room");
        var series = Assert.Single(result.Series);
        Assert.Equal(4, series.Rows.Count);
        var buildings = series.Rows.Select(r => r[series.ColumnIndex("building")]).ToList();
        Assert.Contains("教学楼 A", buildings);
        Assert.Contains("two\nlines", series.Rows.Select(r => r[series.ColumnIndex("note")]));
        var rejected = File.ReadAllText(Path.Combine(work, "spool", "ingest-rejected.lp"));
        Assert.Contains("# line 3: invalid field value", rejected);
        Assert.Contains("temp=oops", rejected);
        TestDirectories.Delete(work);
    }

    [Fact]
    public async Task SaysSpooledWhenTheServerIsAwayAndTheNextRunDeliversIt()
    {
        await using var server = await InfluxTestServer.StartAsync();
        using (await server.CreateDatabaseAsync("later"))
        {
        }
        await server.StopAsync();
        var work = TestDirectories.Create("ingest");
        var input = WriteInput(work, 5_000);
        var args = new[] { "ingest", input, "--store", server.Url.ToString(), "--db", "later", "--spool", Path.Combine(work, "spool"), "--wait", "2s" };

        using (var first = await NetOpsCommand.RunAsync(work, Generous, args))
        {
            Assert.True(first.ExitCode == 75, first.Output);
            Assert.Contains("spooled", first.Stdout);
            Assert.Contains("5,000", first.Stdout);
        }
        await server.RestartAsync();
        using (var second = await NetOpsCommand.RunAsync(work, Generous, args))
        {
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("stored", second.Stdout);
        }
        Assert.Equal(5_000, await server.CountAsync("later", "if_traffic", "in_octets"));
        TestDirectories.Delete(work);
    }

    [Fact]
    public async Task TwoHundredThousandLinesArriveExactlyOnceAfterAnOutageAndASigkill()
    {
        const int total = 200_000;
        await using var server = await InfluxTestServer.StartAsync();
        var work = TestDirectories.Create("ingest");
        var input = WriteInput(work, total);
        var spool = Path.Combine(work, "spool");
        var checkpoint = Path.Combine(spool, "ingest-checkpoint.json");
        var args = new[] { "ingest", input, "--store", server.Url.ToString(), "--db", "crash", "--create-db", "--spool", spool, "--max-rate", "50000", "--batch-lines", "2000" };

        using (var first = NetOpsCommand.Start(work, args))
        {
            await WaitForCheckpointAsync(checkpoint, 40_000, first);
            // The store goes away while lines keep coming: they pile up in the spool...
            await server.StopAsync();
            await WaitForCheckpointAsync(checkpoint, 120_000, first);
            // ...and the appliance itself dies without any chance to clean up.
            first.Signal(SigKill);
            await first.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(128 + SigKill, first.ExitCode);
        }
        var spooledSegments = Directory.GetFiles(Path.Combine(spool, "segments"));
        Assert.NotEmpty(spooledSegments);

        await server.RestartAsync();
        using (var second = await NetOpsCommand.RunAsync(work, Generous, args))
        {
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("Resuming", second.Output);
            Assert.Contains("stored", second.Stdout);
        }
        Assert.Equal(total, await server.CountAsync("crash", "if_traffic", "in_octets"));
        Assert.False(File.Exists(checkpoint));
        TestDirectories.Delete(work);
    }

    [Fact]
    public async Task ReadsStandardInput()
    {
        await using var server = await InfluxTestServer.StartAsync();
        var work = TestDirectories.Create("ingest");
        using var command = NetOpsCommand.Start(work, "ingest", "-", "--store", server.Url.ToString(), "--db", "piped", "--create-db", "--spool", Path.Combine(work, "spool"));
        var lines = new StringBuilder();
        for (var i = 0; i < 1000; i++)
            lines.Append("piped,n=").Append(i % 7).Append(" v=").Append(i).Append("i ").Append(1_700_000_000_000_000_000L + i).Append('\n');
        await command.StandardInputWriteAsync(lines.ToString());
        await command.WaitAsync(Generous);
        Assert.True(command.ExitCode == 0, command.Output);
        Assert.Equal(1000, await server.CountAsync("piped", "piped", "v"));
        TestDirectories.Delete(work);
    }

    private static string WriteInput(string directory, int lines)
    {
        var path = Path.Combine(directory, "input.lp");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        const long baseNs = 1_700_000_000_000_000_000;
        for (var i = 0; i < lines; i++)
            writer.WriteLine($"if_traffic,device=sw-{i % 40:D2},ifname=Gi1/0/{i % 48} in_octets={i * 1500L}i,out_octets={i * 700L}i {baseNs + i * 1_000_000L}");
        return path;
    }

    private static async Task WaitForCheckpointAsync(string path, long lines, NetOpsCommand process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "ingest finished before it could be interrupted:\n" + process.Output);
            try
            {
                if (File.Exists(path))
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(path));
                    if (doc.RootElement.GetProperty("Lines").GetInt64() >= lines)
                        return;
                }
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"checkpoint never reached {lines} lines:\n{process.Output}");
    }
}
