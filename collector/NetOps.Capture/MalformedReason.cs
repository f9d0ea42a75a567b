namespace NetOps.Capture;

/// <summary>
/// Why a capture record was counted as malformed. Each reason says whether the reader kept the
/// frame, skipped the record, or stopped (nothing after that point can be trusted).
/// </summary>
public enum MalformedReason
{
    /// <summary>The file ends inside a record or block header. Stops.</summary>
    TruncatedHeader,
    /// <summary>The file ends inside a frame's data (or a block's body). Stops.</summary>
    TruncatedFrame,
    /// <summary>Captured length above 256 KiB (libpcap's and Wireshark's maximum). pcap: stops; pcapng: block skipped.</summary>
    CapturedLengthTooLarge,
    /// <summary>Captured length above the file's or interface's snaplen. Frame kept, as libpcap and Wireshark keep it.</summary>
    CapturedOverSnaplen,
    /// <summary>Wire length below the captured length. Frame kept, wire length raised to the captured length.</summary>
    OriginalShorterThanCaptured,
    /// <summary>Wire length above 256 KiB. Frame kept with that length (Wireshark counts it too).</summary>
    OriginalLengthImplausible,
    /// <summary>pcap sub-second field not below one second, or a pcapng timestamp beyond the year 2262. Frame kept, time normalised.</summary>
    TimestampOutOfRange,
    /// <summary>pcapng block length below the block's minimum or not a multiple of 4. Stops.</summary>
    BlockLengthInvalid,
    /// <summary>pcapng block length above 16 MiB. Stops.</summary>
    BlockLengthTooLarge,
    /// <summary>pcapng block's trailing length differs from its leading one. Stops.</summary>
    BlockTrailerMismatch,
    /// <summary>pcapng block shorter than its type's fixed fields (its framing is intact). Block skipped.</summary>
    BlockTooShort,
    /// <summary>pcapng packet data runs past the end of its block. Block skipped.</summary>
    CapturedLengthExceedsBlock,
    /// <summary>pcapng section header with an unknown byte-order magic or major version. Stops.</summary>
    SectionHeaderInvalid,
    /// <summary>pcapng packet naming an interface no IDB of its section described. Block skipped.</summary>
    UnknownInterface,
    /// <summary>pcapng packet on an interface whose link type NetOps does not decode. Block skipped.</summary>
    UnsupportedLinkType,
    /// <summary>pcapng section with more interfaces than the reader's bound. Block skipped.</summary>
    TooManyInterfaces,
    /// <summary>pcapng option running past its block, or an option value of the wrong size. Option ignored.</summary>
    OptionInvalid,
    /// <summary>The operating system failed a read. Stops; <see cref="CaptureStatistics.StopMessage"/> says why.</summary>
    ReadError,
}
