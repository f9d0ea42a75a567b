using NetOps.Analyzer.Tests.Corpus;
using NetOps.Capture.Files;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>One UDP datagram of a corpus capture, decoded with NetOps's own reader and decoder.</summary>
public sealed record CorpusDatagram(int Frame, long TimestampNanos, IpAddress Source, IpAddress Destination, ushort SourcePort,
    ushort DestinationPort, bool HasMacAddresses, MacAddress SourceMac, MacAddress DestinationMac, byte IpVersion, byte[] Payload);

public static class CorpusDatagrams
{
    /// <summary>Every UDP datagram of <paramref name="file"/> (relative to the corpus folder) with a port in <paramref name="ports"/>.</summary>
    public static List<CorpusDatagram> Read(string file, params ushort[] ports)
    {
        var datagrams = new List<CorpusDatagram>();
        using var reader = CaptureFile.Open(CaptureCorpus.PathOf(file));
        var number = 0;
        while (reader.TryReadNext(out var header, out var data))
        {
            number++;
            var packet = new DecodedPacket();
            PacketDecoder.Decode(header, data, ref packet);
            if (packet.Transport.Protocol != IpProtocols.Udp || !packet.Transport.HasPorts || packet.InnerIp.IsLaterFragment)
                continue;
            if (ports.Length > 0 && !ports.Contains(packet.Transport.SourcePort) && !ports.Contains(packet.Transport.DestinationPort))
                continue;
            datagrams.Add(new CorpusDatagram(number, header.TimestampNanos, packet.InnerIp.Source, packet.InnerIp.Destination,
                packet.Transport.SourcePort, packet.Transport.DestinationPort, packet.HasMacAddresses, packet.SourceMac, packet.DestinationMac,
                packet.IpVersion, data.Slice(packet.PayloadOffset, packet.PayloadLength).ToArray()));
        }
        return datagrams;
    }
}
