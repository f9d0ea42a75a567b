namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>Which section of a message a resource record came from.</summary>
public enum DnsSection : byte
{
    Answer,
    Authority,
    Additional,
}
