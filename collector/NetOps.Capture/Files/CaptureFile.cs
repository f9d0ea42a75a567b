using System.Buffers.Binary;

namespace NetOps.Capture.Files;

/// <summary>Opens a capture file, pcap or pcapng, by its magic number (not its name).</summary>
public static class CaptureFile
{
    private const uint PcapMicroseconds = 0xA1B2C3D4;
    private const uint PcapNanoseconds = 0xA1B23C4D;

    /// <summary>
    /// Opens <paramref name="path"/> for reading. Throws <see cref="CaptureFileException"/> (naming
    /// the file) when it is not a capture NetOps can read, <see cref="UnsupportedLinkTypeException"/>
    /// for a link type it does not decode, and the usual I/O exceptions when it cannot be opened.
    /// </summary>
    public static CaptureFileReader Open(string path, int bufferSize = FileWindow.DefaultBufferSize)
    {
        var window = new FileWindow(path, bufferSize);
        try
        {
            return Open(path, window);
        }
        catch
        {
            window.Dispose();
            throw;
        }
    }

    private static CaptureFileReader Open(string path, FileWindow window)
    {
        if (!window.TryPeek(4, out var magicBytes))
            throw new CaptureFileException(path, window.ReadError ?? $"only {magicBytes.Length} bytes: not a capture file");
        var little = BinaryPrimitives.ReadUInt32LittleEndian(magicBytes);
        var big = BinaryPrimitives.ReadUInt32BigEndian(magicBytes);
        if (little == PcapNgFileReader.SectionHeaderBlock)
            return new PcapNgFileReader(path, window);
        if (little is PcapMicroseconds or PcapNanoseconds || big is PcapMicroseconds or PcapNanoseconds)
        {
            if (!window.TryPeek(PcapFileReader.FileHeaderLength, out var header))
                throw new CaptureFileException(path, $"pcap file header cut short ({header.Length} of {PcapFileReader.FileHeaderLength} bytes)");
            var bigEndian = big is PcapMicroseconds or PcapNanoseconds;
            var nanoseconds = (bigEndian ? big : little) == PcapNanoseconds;
            return new PcapFileReader(path, window, header, bigEndian, nanoseconds);
        }
        throw new CaptureFileException(path, $"not a pcap or pcapng file (magic 0x{big:x8})");
    }
}
