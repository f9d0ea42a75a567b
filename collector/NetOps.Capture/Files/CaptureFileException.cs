namespace NetOps.Capture.Files;

/// <summary>
/// A capture file that cannot be read at all: not a pcap or pcapng file, a header cut short, an
/// unsupported version, or a link type NetOps does not decode. The message names the file.
/// Problems inside an accepted file are never thrown; they are counted in <see cref="CaptureStatistics"/>.
/// </summary>
public class CaptureFileException(string path, string message) : Exception($"{path}: {message}")
{
    public string FilePath { get; } = path;
}

/// <summary>The file's (or, for pcapng, every one of its first interfaces') link type is not decoded by NetOps.</summary>
public sealed class UnsupportedLinkTypeException(string path, uint linkType)
    : CaptureFileException(path, $"{LinkTypes.Describe(linkType)} is not supported; NetOps decodes {LinkTypes.SupportedList}")
{
    public uint LinkType { get; } = linkType;
}
