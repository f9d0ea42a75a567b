using System.CommandLine;
using NetOps.Appliance.Lab.Traffic;

namespace NetOps.Appliance.Commands;

/// <summary><c>netops lab traffic --out FILE</c>: write the built-in lab's campus traffic as a pcap.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "pcap file to write", Required = true };
        var seconds = new Option<int>("--seconds") { Description = "Capture length in seconds", DefaultValueFactory = _ => 60 };
        var hosts = new Option<int>("--hosts") { Description = "Campus devices", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed writes the same file)", DefaultValueFactory = _ => 2026 };
        var traffic = new Command("traffic", "Write the lab's campus mix (DHCP, RADIUS, DNS, TLS over IPv4/IPv6, HTTP, SNMP, Telnet, one XMRig miner) as a pcap")
        {
            output, seconds, hosts, seed,
        };
        traffic.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            if (parse.GetValue(seconds) is < 1 or > 3600 || parse.GetValue(hosts) is < 1 or > 2000)
            {
                Console.Error.WriteLine("--seconds must be 1..3600 and --hosts 1..2000");
                return 2;
            }
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
            var summary = CampusMix.Write(file, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(hosts), parse.GetValue(seed));
            Console.WriteLine($"{path}: {summary.Frames} frames, {summary.Hosts} hosts ({summary.DualStackHosts} dual-stack), " +
                $"{summary.WebSessions} TLS sessions, {summary.DnsQueries} DNS queries");
            return 0;
        });
        return new Command("lab", "The built-in lab") { traffic };
    }
}
