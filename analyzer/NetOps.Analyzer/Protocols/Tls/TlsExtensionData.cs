using System.Buffers.Binary;

namespace NetOps.Analyzer.Protocols.Tls;

/// <summary>Checks the inner lists of the extensions NetOps reads, so their readers need no checks.</summary>
internal static class TlsExtensionData
{
    public static bool IsWellFormed(ushort type, ReadOnlySpan<byte> data) => type switch
    {
        // An empty server_name is what a server sends back; a client always lists names.
        TlsExtensionType.ServerName => data.IsEmpty || (HasTwoByteLength(data) && AreEntries(data[2..], 1, 2)),
        TlsExtensionType.Alpn => HasTwoByteLength(data) && AreEntries(data[2..], 0, 1),
        TlsExtensionType.SupportedVersions => data.Length >= 1 && data[0] == data.Length - 1 && data[0] % 2 == 0,
        TlsExtensionType.SignatureAlgorithms => HasTwoByteLength(data) && data.Length % 2 == 0,
        _ => true,
    };

    private static bool HasTwoByteLength(ReadOnlySpan<byte> data) => data.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(data) == data.Length - 2;

    /// <summary>A sequence of entries, each <paramref name="prefix"/> bytes then a length of <paramref name="lengthSize"/> bytes then that many bytes.</summary>
    private static bool AreEntries(ReadOnlySpan<byte> list, int prefix, int lengthSize)
    {
        while (!list.IsEmpty)
        {
            if (list.Length < prefix + lengthSize)
                return false;
            var length = lengthSize == 1 ? list[prefix] : BinaryPrimitives.ReadUInt16BigEndian(list[prefix..]);
            if (list.Length < prefix + lengthSize + length)
                return false;
            list = list[(prefix + lengthSize + length)..];
        }
        return true;
    }
}
