namespace NetOps.Analyzer.Mining;

/// <summary>
/// Binary protocols of cryptocurrency nodes that are no mining, told by their first bytes so the
/// behaviour score does not treat them as opaque: a node keeping peers is long-lived and periodic too.
/// </summary>
internal static class KnownBinaryProtocols
{
    /// <summary>Bitcoin P2P network magic (main, testnet3, testnet4, signet, regtest) and Monero's levin signature.</summary>
    public static bool IsCryptocurrencyNode(ReadOnlySpan<byte> first) =>
        first.Length >= 4 && (first[..4].SequenceEqual((ReadOnlySpan<byte>)[0xf9, 0xbe, 0xb4, 0xd9])
                              || first[..4].SequenceEqual((ReadOnlySpan<byte>)[0x0b, 0x11, 0x09, 0x07])
                              || first[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1c, 0x16, 0x3f, 0x28])
                              || first[..4].SequenceEqual((ReadOnlySpan<byte>)[0x0a, 0x03, 0xcf, 0x40])
                              || first[..4].SequenceEqual((ReadOnlySpan<byte>)[0xfa, 0xbf, 0xb5, 0xda]))
        || first.Length >= 8 && first[..8].SequenceEqual((ReadOnlySpan<byte>)[0x01, 0x21, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01]);
}
