using System.Globalization;
using System.Text;
using NetOps.Analyzer.Protocols.Radius;

using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>RADIUS as NetOps reads it, frame by frame against tshark's dissection of the corpus captures.</summary>
public class RadiusReaderTests
{
    private static readonly string[] Fields =
    [
        "radius.code", "radius.id", "radius.length", "radius.authenticator", "radius.User_Name", "radius.NAS_IP_Address", "radius.NAS_Identifier",
        "radius.Framed-IP-Address", "radius.Framed_IPv6_Address", "radius.Framed_IPv6_Prefix", "radius.Calling_Station_Id",
        "radius.Acct_Status_Type", "radius.Acct_Session_Id", "radius.Acct_Session_Time", "radius.Session_Timeout", "radius.User_Password_encrypted",
    ];

    public static TheoryData<string> Captures() =>
    [
        "arkime/radius.pcap", "zeek/radius_radius.pcap", "zeek/radius_radius_localhost.pcap", "tcpdump/RADIUS-RFC4675.pcap", "tcpdump/RADIUS-RFC5176.pcap",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Every_RADIUS_frame_reads_as_tshark_dissects_it(string file)
    {
        await TsharkAgreement.AssertAsync(file, "radius", Fields, [], (datagram, theirs, Check) =>
        {
            if (!RadiusReader.TryRead(datagram.Payload, out var ours, out var error))
                return error.ToString();
            string? Text(ReadOnlySpan<byte> value) => value.IsEmpty ? null : Encoding.UTF8.GetString(value);
            string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
            Check("code", theirs.First("radius.code"), Number((uint)ours.Code));
            Check("id", theirs.First("radius.id"), Number(ours.Identifier));
            Check("length", theirs.First("radius.length"), Number(ours.Length));
            Check("authenticator", theirs.First("radius.authenticator"), Convert.ToHexStringLower(ours.Authenticator));
            Check("User-Name", theirs.First("radius.User_Name"), Text(ours.UserName));
            Check("NAS-IP-Address", theirs.First("radius.NAS_IP_Address"), ours.HasNasIpAddress ? ours.NasIpAddress.ToString() : null);
            Check("NAS-Identifier", theirs.First("radius.NAS_Identifier"), Text(ours.NasIdentifier));
            Check("Framed-IP-Address", theirs.First("radius.Framed-IP-Address"), ours.HasFramedIpAddress ? ours.FramedIpAddress.ToString() : null);
            Check("Framed-IPv6-Address", theirs.First("radius.Framed_IPv6_Address"), ours.HasFramedIpv6Address ? ours.FramedIpv6Address.ToIPv6String() : null);
            Check("Framed-IPv6-Prefix", theirs.First("radius.Framed_IPv6_Prefix"), ours.HasFramedIpv6Prefix ? $"{ours.FramedIpv6Prefix.ToIPv6String()}/{ours.FramedIpv6PrefixLength}" : null);
            Check("Calling-Station-Id", theirs.First("radius.Calling_Station_Id"), Text(ours.CallingStationId));
            Check("Acct-Status-Type", theirs.First("radius.Acct_Status_Type"), ours.AcctStatusType == AcctStatusType.None ? null : Number((uint)ours.AcctStatusType));
            Check("Acct-Session-Id", theirs.First("radius.Acct_Session_Id"), Text(ours.AcctSessionId));
            Check("Acct-Session-Time", theirs.First("radius.Acct_Session_Time"), ours.HasAcctSessionTime ? Number(ours.AcctSessionTime) : null);
            Check("Session-Timeout", theirs.First("radius.Session_Timeout"), ours.HasSessionTimeout ? Number(ours.SessionTimeout) : null);
            Check("User-Password seen", theirs.Values("radius.User_Password_encrypted").Length > 0 ? "yes" : "no", ours.HasUserPassword ? "yes" : "no");
            return null;
        });
    }

    [Theory]
    [InlineData("00-14-22-E9-54-5E", "00:14:22:e9:54:5e")]
    [InlineData("00:14:22:e9:54:5e", "00:14:22:e9:54:5e")]
    [InlineData("0014.22e9.545e", "00:14:22:e9:54:5e")]
    [InlineData("001422-e9545e", "00:14:22:e9:54:5e")]
    [InlineData("985AEB898000", "98:5a:eb:89:80:00")]
    [InlineData("98-5A-EB-89-80-00:eduroam", "98:5a:eb:89:80:00")]
    public void Calling_Station_Id_spellings_read_as_the_same_MAC(string text, string mac)
    {
        Assert.True(MacText.TryParse(Encoding.ASCII.GetBytes(text), out var parsed));
        Assert.Equal(mac, parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("steve")]
    [InlineData("00-14-22-E9-54")]
    [InlineData("00-14-22-E9-54-5E-77")]
    [InlineData("-0014-22E9-545E")]
    [InlineData("00--14-22-E9-54-5E")]
    [InlineData("0014 22e9 545e")]
    public void Text_that_is_not_a_MAC_is_refused(string text) => Assert.False(MacText.TryParse(Encoding.ASCII.GetBytes(text), out _));
}
