namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>A corpus frame decoded by NetOps down to its TCP or UDP payload.</summary>
public sealed record PayloadFrame(int Number, byte Protocol, IpAddress Source, ushort SourcePort, IpAddress Destination, ushort DestinationPort,
    uint Sequence, byte[] Payload, bool IsLaterFragment, bool IsFirstFragment)
{
    /// <summary>The frames of a corpus file that carry TCP or UDP payload (as the pipeline hands to inspectors).</summary>
    public static List<PayloadFrame> Of(string file)
    {
        var packet = new DecodedPacket();
        var result = new List<PayloadFrame>();
        foreach (var frame in CaptureCorpus.Frames(file))
        {
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            if (packet.Transport.Protocol is not (IpProtocols.Tcp or IpProtocols.Udp) || packet.PayloadLength == 0)
                continue;
            result.Add(new PayloadFrame(frame.Number, packet.Transport.Protocol, packet.InnerIp.Source, packet.Transport.SourcePort,
                packet.InnerIp.Destination, packet.Transport.DestinationPort, packet.Transport.SequenceNumber, frame.Data.AsSpan(packet.PayloadOffset, packet.PayloadLength).ToArray(), packet.InnerIp.IsLaterFragment,
                packet.InnerIp is { IsFragment: true, IsLaterFragment: false }));
        }
        return result;
    }

    /// <summary>The frames of a corpus file NetOps's decoder calls malformed (their payload never reaches an inspector).</summary>
    public static HashSet<int> MalformedFrames(string file)
    {
        var packet = new DecodedPacket();
        var result = new HashSet<int>();
        foreach (var frame in CaptureCorpus.Frames(file))
        {
            PacketDecoder.Decode(frame.LinkType, frame.Data, frame.OriginalLength, ref packet);
            if (packet.IsMalformed)
                result.Add(frame.Number);
        }
        return result;
    }

    /// <summary>This direction of the flow: source, destination, ports, protocol.</summary>
    public (IpAddress, ushort, IpAddress, ushort, byte) Direction => (Source, SourcePort, Destination, DestinationPort, Protocol);

    public bool HasPort(ushort port) => SourcePort == port || DestinationPort == port;
}
