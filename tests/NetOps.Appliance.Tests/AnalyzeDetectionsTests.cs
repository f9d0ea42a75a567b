using System.Text.Json;
using NetOps.Appliance.Lab.Traffic;
using NetOps.Testing;

namespace NetOps.Appliance.Tests;

/// <summary>
/// Every detector wired into <c>netops analyze</c>: on the lab's campus mix (what <c>netops up</c>
/// replays) the miner, the plaintext logins and the community string are found, each naming who
/// did it as tshark reads it from the RADIUS accounting in the same capture, and no secret is printed.
/// </summary>
public sealed class AnalyzeDetectionsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private readonly string _work = TestDirectories.Create("analyze-detections");

    public void Dispose() => TestDirectories.Delete(_work);

    [Fact]
    public async Task LabMixYieldsTheMinerWithItsUserAndThePlaintextLoginsWithoutTheirSecrets()
    {
        var path = Path.Combine(_work, "mix.pcap");
        using (var file = File.Create(path))
            CampusMix.Write(file, Start, TimeSpan.FromSeconds(30), 20, 2026);

        using var run = await NetOpsCommand.RunAsync(_work, TimeSpan.FromMinutes(2), "analyze", path, "--json");
        Assert.True(run.ExitCode == 0, run.Output);
        var detections = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("detections").EnumerateArray().ToList();

        var mining = Assert.Single(detections, d => d.GetProperty("kind").GetString() == "mining");
        Assert.Equal("confirmed", mining.GetProperty("confidence").GetString());
        Assert.Equal(3333, mining.GetProperty("serverPort").GetInt32());
        var miner = mining.GetProperty("client").GetString()!;
        var users = await RadiusUsersAsync(path);
        Assert.True(users.ContainsKey(miner), $"tshark saw no RADIUS accounting for {miner}");
        Assert.Equal(users[miner], mining.GetProperty("user").GetString());

        var plaintext = detections.Where(d => d.GetProperty("kind").GetString() == "plaintext_management")
            .Select(d => d.GetProperty("protocol").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "telnet", "http", "snmp" }, plaintext);

        // The mix's HTTP Basic password and SNMP community (LabTrafficTests checks tshark sees them) never leave the appliance.
        Assert.DoesNotContain("printer123", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("campus-ro", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Framed-IP-Address → User-Name of every Accounting-Request, as tshark dissects them.</summary>
    private static async Task<Dictionary<string, string>> RadiusUsersAsync(string path)
    {
        var (code, output, errors) = await Tshark.RunAsync("-r", path, "-Y", "radius.code == 4", "-T", "fields",
            "-e", "radius.Framed-IP-Address", "-e", "radius.User_Name");
        Assert.True(code == 0, errors);
        var users = new Dictionary<string, string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 2 && fields[0].Length > 0)
                users[fields[0]] = fields[1];
        }
        return users;
    }
}
