using System.Text;

namespace NetOps.Analyzer.Protocols;

/// <summary>
/// Formats a DNS wire-format name (length-prefixed labels, RFC 1035 §3.1; no compression, as in
/// DHCP FQDN options) as dotted text. Allocates: for evidence and the timeline, not the hot path.
/// Unlike <see cref="Dns.DnsName"/> it accepts a name without the terminating zero label: the DHCP
/// FQDN options (RFC 4702 §2.3.1, RFC 4704 §4.1) send a partial name that way.
/// </summary>
public static class DomainNameText
{
    public const int MaxNameLength = 255;

    /// <summary>False for a label running past the bytes, a compression pointer or a name over 255 bytes.</summary>
    public static bool TryFormat(ReadOnlySpan<byte> wire, out string name)
    {
        name = "";
        if (wire.Length > MaxNameLength)
            return false;
        var text = new StringBuilder(wire.Length);
        var offset = 0;
        while (offset < wire.Length)
        {
            var length = wire[offset];
            if (length == 0)
                break;
            if (length > 63 || offset + 1 + length > wire.Length)
                return false;
            if (text.Length > 0)
                text.Append('.');
            text.Append(Encoding.ASCII.GetString(wire.Slice(offset + 1, length)));
            offset += 1 + length;
        }
        name = text.ToString();
        return true;
    }
}
