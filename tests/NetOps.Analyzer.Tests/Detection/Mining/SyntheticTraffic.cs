using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using NetOps.Appliance.Lab.Traffic;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>
/// Traffic the tests synthesize with the lab's own frame builder (complete Ethernet/IP/TCP frames,
/// real sequence numbers, handshakes and closes), written to a pcap and read back through NetOps's
/// capture reader, so what the inspector sees went through the same path as a real capture.
/// </summary>
public sealed class SyntheticTraffic : IDisposable
{
    public static readonly PhysicalAddress ClientMac = PhysicalAddress.Parse("02-00-00-00-00-66");
    public static readonly PhysicalAddress GatewayMac = PhysicalAddress.Parse("02-00-00-00-00-01");
    public static readonly long Start = DateTimeOffset.Parse("2026-11-30T08:00:00Z").ToUnixTimeMilliseconds() * 1_000_000;

    private readonly TrafficRecorder _recorder = new();
    private readonly string _folder = NetOps.Testing.TestDirectories.Create("mining-synth");
    private readonly Random _random = new(66);
    private ushort _nextClientPort = 50000;

    public Random Random => _random;

    /// <summary>Server names the scenario's flows get (SNI and Host are read from the traffic; DNS-learned ones are set here).</summary>
    public TestServerNames Names { get; } = new();

    /// <summary>A TCP connection from the client host to <paramref name="server"/>:<paramref name="port"/>, opened.</summary>
    internal TcpConversation Connect(string server, ushort port, long offsetNanos = 0, string client = "10.20.1.66")
    {
        var clientEnd = new Endpoint(ClientMac, IPAddress.Parse(client), _nextClientPort++);
        var serverEnd = new Endpoint(GatewayMac, IPAddress.Parse(server), port);
        return new TcpConversation(_recorder, clientEnd, serverEnd, Start + offsetNanos, _random).Open();
    }

    /// <summary>Writes what was recorded to a pcap and returns its frames as the capture reader gives them.</summary>
    public List<(long Nanos, byte[] Frame)> Frames()
    {
        var path = Path.Combine(_folder, "synthetic.pcap");
        using (var file = File.Create(path))
            _recorder.WriteTo(file);
        using var reader = CaptureFile.Open(path);
        var frames = new List<(long, byte[])>();
        while (reader.TryReadNext(out var header, out var data))
            frames.Add((header.TimestampNanos, data.ToArray()));
        return frames;
    }

    public static byte[] Line(string json) => Encoding.UTF8.GetBytes(json + "\n");

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public void Dispose() => NetOps.Testing.TestDirectories.Delete(_folder);
}
