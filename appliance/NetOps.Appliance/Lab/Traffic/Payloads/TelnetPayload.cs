using System.Text;

namespace NetOps.Appliance.Lab.Traffic.Payloads;

/// <summary>A Telnet management login to a switch, the plaintext habit the appliance must flag.</summary>
internal static class TelnetPayload
{
    /// <summary>IAC DO ECHO, IAC WILL SUPPRESS-GO-AHEAD, then the switch's login banner.</summary>
    public static byte[] ServerNegotiation() => [0xff, 0xfb, 0x01, 0xff, 0xfb, 0x03, .. Ascii("\r\n\r\nUser Access Verification\r\n\r\nUsername:")];

    public static byte[] ClientNegotiation() => [0xff, 0xfd, 0x01, 0xff, 0xfd, 0x03];

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
