using System.Text;

namespace NetOps.Collector.Snmp.Wireless;

/// <summary>Decodes the index encodings wireless tables use (RFC 2578 7.7): MacAddress, length-prefixed strings.</summary>
public static class SnmpIndex
{
    public static string Mac(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes) is var hex && hex.Length == 12
        ? string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2)))
        : hex;

    /// <summary>The first six arcs as a MAC (a MacAddress index is fixed-size: no length arc), or null.</summary>
    public static string? Mac(ReadOnlySpan<uint> arcs)
    {
        if (arcs.Length < 6)
            return null;
        Span<byte> bytes = stackalloc byte[6];
        for (var i = 0; i < 6; i++)
        {
            if (arcs[i] > 255)
                return null;
            bytes[i] = (byte)arcs[i];
        }
        return Mac(bytes);
    }

    /// <summary>A variable-length OCTET STRING index: a length arc, then one arc per byte. Null when the arcs are not that.</summary>
    public static string? LengthPrefixedString(ReadOnlySpan<uint> arcs)
    {
        if (arcs.Length == 0 || arcs[0] != arcs.Length - 1)
            return null;
        var bytes = new byte[arcs.Length - 1];
        for (var i = 1; i < arcs.Length; i++)
        {
            if (arcs[i] > 255)
                return null;
            bytes[i - 1] = (byte)arcs[i];
        }
        return Encoding.UTF8.GetString(bytes);
    }
}
