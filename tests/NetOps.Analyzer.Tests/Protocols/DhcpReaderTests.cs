using System.Globalization;
using System.Text;
using NetOps.Analyzer.Protocols.Dhcp;

using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>DHCPv4 as NetOps reads it, frame by frame against tshark's dissection of the corpus captures.</summary>
public class DhcpReaderTests
{
    private static readonly string[] Fields =
    [
        "dhcp.type", "dhcp.id", "dhcp.ip.client", "dhcp.ip.your", "dhcp.ip.relay", "dhcp.hw.type", "dhcp.hw.mac_addr",
        "dhcp.option.type", "dhcp.option.length", "dhcp.option.value",
        "dhcp.option.dhcp", "dhcp.option.requested_ip_address", "dhcp.option.ip_address_lease_time", "dhcp.option.dhcp_server_id",
        "dhcp.option.hostname", "dhcp.fqdn.name",
        "dhcp.option.agent_information_option.agent_circuit_id", "dhcp.option.agent_information_option.agent_remote_id",
        "dhcp.option.agent_information_option.subscriber_id", "_ws.malformed",
    ];

    public static TheoryData<string> Captures() =>
    [
        "zeek/dhcp_dhcp.pcap", "zeek/dhcp_dhcp_ack_subscriber_id_and_agent_remote_id.pcap", "zeek/dhcp_dhcp_flood.pcap",
        "ndpi/android.pcap", "ndpi/1kxun.pcap", "ndpi/alexa-app.pcapng", "ndpi/gnutella.pcap", "zeek/tunnels_Teredo.pcap",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Every_DHCP_frame_reads_as_tshark_dissects_it(string file)
    {
        await TsharkAgreement.AssertAsync(file, "dhcp", Fields, [67, 68], (datagram, theirs, Check) =>
        {
            if (!DhcpReader.TryRead(datagram.Payload, out var ours, out var error))
                return error.ToString();
            Check("op", theirs.First("dhcp.type"), ours.Op.ToString(CultureInfo.InvariantCulture));
            Check("xid", theirs.First("dhcp.id"), $"0x{ours.TransactionId:x8}");
            Check("ciaddr", theirs.First("dhcp.ip.client"), ours.ClientAddress.ToString());
            Check("yiaddr", theirs.First("dhcp.ip.your"), ours.YourAddress.ToString());
            Check("giaddr", theirs.First("dhcp.ip.relay"), ours.RelayAddress.ToString());
            if (ours.HasClientMac)
                Check("chaddr", theirs.First("dhcp.hw.mac_addr"), ours.ClientMac.ToString());
            Check("53", theirs.First("dhcp.option.dhcp"), ours.MessageType == DhcpMessageType.None ? null : ((int)ours.MessageType).ToString(CultureInfo.InvariantCulture));
            Check("50", theirs.First("dhcp.option.requested_ip_address"), ours.HasRequestedAddress ? ours.RequestedAddress.ToString() : null);
            Check("51", theirs.First("dhcp.option.ip_address_lease_time"), ours.HasLeaseTime ? ours.LeaseSeconds.ToString(CultureInfo.InvariantCulture) : null);
            Check("54", theirs.First("dhcp.option.dhcp_server_id"), ours.HasServerIdentifier ? ours.ServerIdentifier.ToString() : null);
            Check("12", theirs.First("dhcp.option.hostname"), ours.HostName.IsEmpty ? null : Encoding.ASCII.GetString(ours.HostName));
            Check("81", theirs.First("dhcp.fqdn.name"), DhcpFqdn.TryGetName(ours.ClientFqdn, out var fqdn) ? fqdn : null);
            CompareOptionList(ours, theirs, Check);
            CompareRelayAgent(ours, theirs, Check);
            return null;
        });
    }

    /// <summary>Every option's code, length and value (tshark lists End as type 0 without a length).</summary>
    private static void CompareOptionList(DhcpReader ours, TsharkPacket theirs, FieldCheck check)
    {
        var codes = new List<string>();
        var lengths = new List<string>();
        var values = new List<string>();
        var options = new DhcpOptionReader(ours.Options);
        while (options.Read())
        {
            codes.Add(options.Code.ToString(CultureInfo.InvariantCulture));
            lengths.Add(options.Value.Length.ToString(CultureInfo.InvariantCulture));
            if (!options.Value.IsEmpty)
                values.Add(Convert.ToHexStringLower(options.Value));
        }
        var theirLengths = theirs.Values("dhcp.option.length");
        check("option codes", string.Join(',', theirs.Values("dhcp.option.type").Take(theirLengths.Length)), string.Join(',', codes));
        check("option lengths", string.Join(',', theirLengths), string.Join(',', lengths));
        check("option values", string.Join(',', theirs.Values("dhcp.option.value")), string.Join(',', values));
    }

    private static void CompareRelayAgent(DhcpReader ours, TsharkPacket theirs, FieldCheck check)
    {
        if (ours.RelayAgent.IsEmpty)
            return;
        Assert.True(RelayAgentInformation.TryRead(ours.RelayAgent, out var relay));
        check("82.1", theirs.First("dhcp.option.agent_information_option.agent_circuit_id"), relay.CircuitId.IsEmpty ? null : Convert.ToHexStringLower(relay.CircuitId));
        check("82.2", theirs.First("dhcp.option.agent_information_option.agent_remote_id"), relay.RemoteId.IsEmpty ? null : Convert.ToHexStringLower(relay.RemoteId));
        check("82.6", theirs.First("dhcp.option.agent_information_option.subscriber_id"), relay.SubscriberId.IsEmpty ? null : Encoding.ASCII.GetString(relay.SubscriberId));
    }
}
