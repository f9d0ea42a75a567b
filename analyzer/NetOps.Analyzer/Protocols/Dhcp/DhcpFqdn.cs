using System.Text;

namespace NetOps.Analyzer.Protocols.Dhcp;

/// <summary>The name in a DHCPv4 Client FQDN option (RFC 4702 §2): flags, RCODE1, RCODE2, then the name.</summary>
public static class DhcpFqdn
{
    /// <summary>Flag E: the name is in DNS wire format rather than ASCII.</summary>
    public const byte EncodedFlag = 0x04;

    /// <summary>The name as text (allocates); false for an option shorter than 3 bytes or a broken wire-format name.</summary>
    public static bool TryGetName(ReadOnlySpan<byte> option, out string name)
    {
        name = "";
        if (option.Length < 3)
            return false;
        var raw = option[3..];
        if ((option[0] & EncodedFlag) != 0)
            return DomainNameText.TryFormat(raw, out name);
        name = Encoding.ASCII.GetString(raw);
        return true;
    }
}
