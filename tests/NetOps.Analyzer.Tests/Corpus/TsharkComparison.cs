using System.Globalization;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>
/// Compares one <see cref="DecodedPacket"/> with tshark's dissection of the same frame and lists every
/// field that differs. tshark lists a field once per layer that has it, outer first; the order of
/// the IP layers comes from frame.protocols. Layers after an ICMP/ICMPv6 header are the quoted packet
/// of an error message, which NetOps does not decode: they are left out of tshark's side.
/// </summary>
public static class TsharkComparison
{
    private static readonly HashSet<string> Ipv6ExtensionTokens = ["ipv6.hopopts", "ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts", "ah"];

    public static Differences Compare(in DecodedPacket ours, TsharkPacket theirs)
    {
        var differences = new Differences();

        var protocols = theirs.Protocols;
        var cut = Array.FindIndex(protocols, p => p is "icmp" or "icmpv6");
        var visible = cut < 0 ? protocols : protocols[..(cut + 1)];

        // IP layers in frame order, each with its index among tshark's ip.* or ipv6.* occurrences.
        var layers = new List<(int Version, int Index, int Token)>();
        int v4 = 0, v6 = 0;
        for (var i = 0; i < visible.Length; i++)
        {
            if (visible[i] == "ip")
                layers.Add((4, v4++, i));
            else if (visible[i] == "ipv6")
                layers.Add((6, v6++, i));
        }
        differences.Check("", "ip layers", (int)ours.IpLayerCount, layers.Count);
        if (layers.Count > 0 && ours.IpLayerCount > 0)
        {
            CompareLayer("outer", ours.OuterIp, layers[0], theirs, v6, differences);
            if (layers.Count > 1 || ours.IpLayerCount > 1)
                CompareLayer("inner", ours.InnerIp, layers[^1], theirs, v6, differences);
            CompareTransport(ours, theirs, visible, layers[^1].Token, differences);
        }

        CompareLink(ours, theirs, protocols, differences);
        var tunnels = TunnelKinds.None;
        foreach (var token in protocols)
        {
            tunnels |= token switch
            {
                "gre" => ours.Tunnels & (TunnelKinds.Gre | TunnelKinds.Pptp),
                "vxlan" => TunnelKinds.Vxlan,
                "teredo" => TunnelKinds.Teredo,
                "ayiya" => TunnelKinds.Ayiya,
                "erspan" => TunnelKinds.Erspan,
                _ => TunnelKinds.None,
            };
        }
        differences.Check("", "tunnels (gre, vxlan, teredo, ayiya, erspan)", ours.Tunnels & ~(TunnelKinds.IPv4InIPv4 | TunnelKinds.IPv4InIPv6 | TunnelKinds.IPv6InIPv4 | TunnelKinds.IPv6InIPv6 | TunnelKinds.MplsPseudowire), tunnels);
        return differences;
    }

    private static void CompareLayer(string name, in IpLayer ours, (int Version, int Index, int Token) theirs, TsharkPacket packet, int ipv6Layers, Differences differences)
    {

        string? At(string field) => packet.Values(field) is var values && theirs.Index < values.Length ? values[theirs.Index] : null;

        differences.Check(name, "version", (int)ours.Version, theirs.Version);
        if (ours.Version != theirs.Version)
            return;
        if (theirs.Version == 4)
        {
            differences.Check(name, "src", ours.Source, Address(At("ip.src")));
            differences.Check(name, "dst", ours.Destination, Address(At("ip.dst")));
            differences.Check(name, "proto", (int)ours.Protocol, Number(At("ip.proto")));
            differences.Check(name, "hdr_len", ours.HeaderLength, Number(At("ip.hdr_len")));
            differences.Check(name, "len", ours.TotalLength, Number(At("ip.len")));
            differences.Check(name, "ttl", (int)ours.HopLimit, Number(At("ip.ttl")));
            differences.Check(name, "id", (int)ours.FragmentId, Number(At("ip.id")));
            differences.Check(name, "mf", ours.MoreFragments ? 1 : 0, Number(At("ip.flags.mf")));
            differences.Check(name, "frag_offset", ours.FragmentOffset, Number(At("ip.frag_offset")) * 8);
        }
        else
        {
            differences.Check(name, "src", ours.Source, Address(At("ipv6.src")));
            differences.Check(name, "dst", ours.Destination, Address(At("ipv6.dst")));
            differences.Check(name, "len", ours.TotalLength, Number(At("ipv6.plen")) + 40);
            differences.Check(name, "hlim", (int)ours.HopLimit, Number(At("ipv6.hlim")));
            if (ipv6Layers == 1)
            {
                var fragment = packet.First("ipv6.fraghdr.offset") is not null;
                differences.Check(name, "fragment header", ours.ExtensionHeaders.HasFlag(Ipv6ExtensionHeaders.Fragment), fragment);
                if (fragment && ours.IsFragment)
                {
                    differences.Check(name, "fragment offset", ours.FragmentOffset, Number(packet.First("ipv6.fraghdr.offset")) * 8);
                    differences.Check(name, "fragment more", ours.MoreFragments ? 1 : 0, Number(packet.First("ipv6.fraghdr.more")));
                    differences.Check(name, "fragment id", (long)ours.FragmentId, Number(packet.First("ipv6.fraghdr.ident")));
                }
            }
        }
    }

    private static void CompareTransport(in DecodedPacket ours, TsharkPacket packet, string[] visible, int ipToken, Differences differences)
    {

        var next = ipToken + 1;
        while (next < visible.Length && Ipv6ExtensionTokens.Contains(visible[next]))
            next++;
        var token = next < visible.Length ? visible[next] : "";
        var index = visible[..next].Count(t => t == token);
        string? At(string field) => packet.Values(field) is var values && index < values.Length ? values[index] : null;
        var t = ours.Transport;
        var expected = token switch { "tcp" => 6, "udp" => 17, "icmp" => 1, "icmpv6" => 58, _ => 0 };
        differences.Check("transport", "protocol", (int)t.Protocol, expected);
        if (t.Protocol != expected)
            return;
        switch (token)
        {
            case "tcp":
                differences.Check("transport", "tcp.srcport", (int)t.SourcePort, Number(At("tcp.srcport")));
                differences.Check("transport", "tcp.dstport", (int)t.DestinationPort, Number(At("tcp.dstport")));
                // tshark's tcp.flags has 12 bits; the top 3 are reserved and not part of TcpFlags.
                differences.Check("transport", "tcp.flags", (int)t.TcpFlags, Number(At("tcp.flags")) & 0x1FF);
                differences.Check("transport", "tcp.hdr_len", t.HeaderLength, Number(At("tcp.hdr_len")));
                differences.Check("transport", "tcp.seq_raw", (long)t.SequenceNumber, Number(At("tcp.seq_raw")));
                if (!ours.IsSnapped)
                    differences.Check("transport", "tcp.len (payload)", ours.PayloadLength, Number(At("tcp.len")));
                break;
            case "udp":
                differences.Check("transport", "udp.srcport", (int)t.SourcePort, Number(At("udp.srcport")));
                differences.Check("transport", "udp.dstport", (int)t.DestinationPort, Number(At("udp.dstport")));
                differences.Check("transport", "udp.length", (int)t.UdpLength, Number(At("udp.length")));
                break;
            case "icmp":
                differences.Check("transport", "icmp.type", (int)t.IcmpType, Number(At("icmp.type")));
                differences.Check("transport", "icmp.code", (int)t.IcmpCode, Number(At("icmp.code")));
                break;
            case "icmpv6":
                differences.Check("transport", "icmpv6.type", (int)t.IcmpType, Number(packet.First("icmpv6.type")));
                differences.Check("transport", "icmpv6.code", (int)t.IcmpCode, Number(packet.First("icmpv6.code")));
                var target = packet.First("icmpv6.nd.ns.target_address") ?? packet.First("icmpv6.nd.na.target_address") ?? packet.First("icmpv6.nd.rd.target_address");
                differences.Check("transport", "nd target", t.HasNdTarget ? t.NdTarget : (IpAddress?)null, target is null ? null : Address(target));
                // Only 6-byte (Ethernet) link-layer addresses are kept; tshark prints any length.
                var linkAddress = packet.Values("icmpv6.opt.linkaddr").FirstOrDefault(a => a.Length == 17);
                differences.Check("transport", "nd link-layer address", t.HasNdLinkLayerAddress ? t.NdLinkLayerAddress.ToString() : null, linkAddress);
                break;
        }
    }

    private static void CompareLink(in DecodedPacket ours, TsharkPacket packet, string[] protocols, Differences differences)
    {

        if (ours.LinkType == LinkType.Ethernet && packet.First("eth.src") is { } src)
        {
            differences.Check("link", "eth.src", ours.SourceMac.ToString(), src);
            differences.Check("link", "eth.dst", ours.DestinationMac.ToString(), packet.First("eth.dst"));
        }
        // SLL's address is a MAC only on Ethernet devices (ARPHRD_ETHER); tshark also prints the
        // all-zero 6-byte address of the loopback device (772), which NetOps does not take for a MAC.
        if (ours.LinkType == LinkType.LinuxSll && packet.First("sll.hatype") == "1")
            differences.Check("link", "sll.src.eth", ours.HasMacAddresses ? ours.SourceMac.ToString() : null, packet.First("sll.src.eth"));
        // The outermost link layer's tags: tshark's vlan (802.1Q, 0x9100) and ieee8021ad tokens before
        // the first network layer, each with its own id field.
        var network = Array.FindIndex(protocols, p => p is "ip" or "ipv6" or "mpls" or "pppoes" or "pppoed" or "arp");
        var tags = new List<long?>();
        int q = 0, ad = 0;
        foreach (var token in network < 0 ? protocols : protocols[..network])
        {
            if (token == "vlan")
                tags.Add(Number(packet.Values("vlan.id").ElementAtOrDefault(q++)));
            else if (token == "ieee8021ad")
                tags.Add(Number(packet.Values("ieee8021ad.id").ElementAtOrDefault(ad++)));
        }
        differences.Check("link", "vlan count", (int)ours.VlanCount, tags.Count);
        if (ours.VlanCount >= 1 && tags.Count >= 1)
            differences.Check("link", "vlan.id outer", (int)ours.OuterVlanId, tags[0]);
        if (ours.VlanCount >= 2 && tags.Count >= 2)
            differences.Check("link", "vlan.id inner", (int)ours.InnerVlanId, tags[1]);
        if (packet.First("mpls.label") is { } label)
            differences.Check("link", "mpls.label top", (long)ours.MplsTopLabel, Number(label));
        if (packet.First("pppoe.session_id") is { } session)
            differences.Check("link", "pppoe.session_id", (int)ours.PppoeSessionId, Number(session));
    }

    private static IpAddress? Address(string? text) => text is null ? null : IpAddress.Parse(text);

    /// <summary>One field that differs: <see cref="Field"/> names it ("outer src", "transport protocol"…).</summary>
    public sealed record Difference(string Field, string Ours, string Theirs)
    {
        public override string ToString() => $"{Field}: ours {Ours}, tshark {Theirs}";
    }

    /// <summary>The fields that differ.</summary>
    public sealed class Differences : List<Difference>
    {
        public void Check(string layer, string field, object? ours, object? theirs)
        {
            if (Show(ours) != Show(theirs))
                Add(new Difference(layer.Length > 0 ? layer + " " + field : field, Show(ours), Show(theirs)));
        }
    }

    private static long? Number(string? text)
    {
        if (text is null)
            return null;
        if (text.StartsWith("0x", StringComparison.Ordinal))
            return long.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
