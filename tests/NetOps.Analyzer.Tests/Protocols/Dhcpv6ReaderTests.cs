using System.Globalization;
using NetOps.Analyzer.Protocols.Dhcpv6;

using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>DHCPv6 as NetOps reads it, frame by frame against tshark's dissection of the corpus captures.</summary>
public class Dhcpv6ReaderTests
{
    private static readonly string[] Fields =
    [
        "dhcpv6.msgtype", "dhcpv6.xid", "dhcpv6.duid.bytes", "dhcpv6.duidllt.link_layer_addr", "dhcpv6.duidll.link_layer_addr",
        "dhcpv6.iaaddr.ip", "dhcpv6.iaaddr.pref_lifetime", "dhcpv6.iaaddr.valid_lifetime",
        "dhcpv6.iaprefix.pref_addr", "dhcpv6.iaprefix.pref_len", "dhcpv6.iaprefix.pref_lifetime", "dhcpv6.iaprefix.valid_lifetime",
        "dhcpv6.client_domain",
    ];

    public static TheoryData<string> Captures() =>
    [
        "arkime/wireshark-dhcpv6.pcap", "tcpdump/dhcpv6-ia-na.pcap", "tcpdump/dhcpv6-AFTR-Name-RFC6334.pcap",
        "ndpi/android.pcap", "ndpi/1kxun.pcap", "ndpi/tor.pcap", "ndpi/gnutella.pcap",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Every_DHCPv6_frame_reads_as_tshark_dissects_it(string file)
    {
        await TsharkAgreement.AssertAsync(file, "dhcpv6", Fields, [546, 547], (datagram, theirs, Check) =>
        {
            if (!Dhcpv6Reader.TryRead(datagram.Payload, out var ours, out var error))
                return error.ToString();
            Check("msgtype", theirs.First("dhcpv6.msgtype"), ((int)ours.MessageType).ToString(CultureInfo.InvariantCulture));
            Check("xid", theirs.First("dhcpv6.xid"), $"0x{ours.TransactionId:x6}");

            // tshark lists every DUID of the message (client's and server's) in the order they appear.
            var duids = theirs.Values("dhcpv6.duid.bytes");
            var ourDuids = new[] { ours.ClientDuid.ToArray(), ours.ServerDuid.ToArray() }.Where(d => d.Length > 0).Select(Convert.ToHexStringLower);
            Check("duids", string.Join(',', duids.Order()), string.Join(',', ourDuids.Order()));
            var macs = theirs.Values("dhcpv6.duidllt.link_layer_addr").Concat(theirs.Values("dhcpv6.duidll.link_layer_addr")).ToHashSet();
            if (Duid.TryGetMac(ours.ClientDuid, out var clientMac))
                Check("client duid mac", clientMac.ToString(), macs.Contains(clientMac.ToString()) ? clientMac.ToString() : string.Join('/', macs));
            else
                Check("client duid mac", null, macs.Count == 0 || ours.ClientDuid.IsEmpty ? null : "tshark found a link-layer address");

            var addresses = new List<string>();
            var prefixes = new List<string>();
            foreach (var lease in ours.ReadLeases())
            {
                if (lease.Kind == Dhcpv6LeaseKind.DelegatedPrefix)
                    prefixes.Add($"{lease.Address.ToIPv6String()}/{lease.PrefixLength} {lease.PreferredLifetime} {lease.ValidLifetime}");
                else
                    addresses.Add($"{lease.Address.ToIPv6String()} {lease.PreferredLifetime} {lease.ValidLifetime}");
            }
            Check("ia addresses", Zip(theirs, "dhcpv6.iaaddr.ip", "dhcpv6.iaaddr.pref_lifetime", "dhcpv6.iaaddr.valid_lifetime"), string.Join(',', addresses));
            Check("ia prefixes", string.Join(',', theirs.Values("dhcpv6.iaprefix.pref_addr").Select((p, i) =>
                $"{p}/{theirs.Values("dhcpv6.iaprefix.pref_len")[i]} {theirs.Values("dhcpv6.iaprefix.pref_lifetime")[i]} {theirs.Values("dhcpv6.iaprefix.valid_lifetime")[i]}")), string.Join(',', prefixes));
            Check("fqdn", theirs.First("dhcpv6.client_domain"), ours.TryGetFqdnName(out var name) ? name : null);
            return null;
        });
    }

    private static string Zip(TsharkPacket frame, string address, string preferred, string valid) =>
        string.Join(',', frame.Values(address).Select((a, i) => $"{a} {frame.Values(preferred)[i]} {frame.Values(valid)[i]}"));
}
