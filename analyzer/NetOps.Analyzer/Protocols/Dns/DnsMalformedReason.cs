namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>Why a DNS message could not be read to its end (counted by the caller, never thrown).</summary>
public enum DnsMalformedReason : byte
{
    None = 0,
    /// <summary>Fewer than the 12 bytes of DNS header.</summary>
    TruncatedHeader,
    /// <summary>DNS over TCP: fewer than 2 bytes, or a length prefix beyond the segment.</summary>
    TcpLengthBeyondSegment,
    /// <summary>A name runs past the message.</summary>
    TruncatedName,
    /// <summary>A name longer than 255 bytes (RFC 1035 2.3.4), or with more compression pointers than <see cref="DnsName.MaxPointers"/>.</summary>
    NameTooLong,
    /// <summary>A compression pointer that does not point backwards to an earlier label (a loop, or a forward reference).</summary>
    BadNamePointer,
    /// <summary>A label type 0x40 or 0x80 (extended / reserved).</summary>
    BadLabelType,
    /// <summary>The message ends inside a question's type or class.</summary>
    TruncatedQuestion,
    /// <summary>The message ends inside a record's fixed part or its data.</summary>
    TruncatedRecord,
    /// <summary>An A record whose data is not 4 bytes, or an AAAA record's not 16.</summary>
    BadAddressLength,
}
