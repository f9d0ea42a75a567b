using System.Buffers.Binary;
using System.Diagnostics;
using NetOps.Capture;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Corpus;

/// <summary>One frame of a capture, loaded into memory for a test.</summary>
public sealed record CapturedFrame(int Number, LinkType LinkType, byte[] Data, int OriginalLength);

/// <summary>
/// TEST-ONLY minimal capture reader, until the capture branch's readers are merged: classic pcap
/// (microsecond or nanosecond, either byte order); pcapng files are first converted to classic pcap
/// with Wireshark's <c>editcap -F pcap</c> into a temporary folder. A record cut short by the end of
/// the file ends the capture (as tshark does).
/// </summary>
public static class TestCaptureFile
{
    public static List<CapturedFrame> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0x0A0D0D0A)
            bytes = ConvertPcapng(path);
        return ParsePcap(bytes, path);
    }

    private static List<CapturedFrame> ParsePcap(byte[] bytes, string path)
    {
        if (bytes.Length < 24)
            throw new InvalidDataException($"{path}: shorter than a pcap header");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var little = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(bytes) is not (0xA1B2C3D4 or 0xA1B23C4D))
            throw new InvalidDataException($"{path}: not a pcap file (magic 0x{magic:x8})");
        uint U32(int offset) => little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
        var linkType = (LinkType)(U32(20) & 0xFFFF);
        var frames = new List<CapturedFrame>();
        var position = 24;
        while (position + 16 <= bytes.Length)
        {
            var captured = (int)U32(position + 8);
            var original = (int)U32(position + 12);
            position += 16;
            if (captured < 0 || position + captured > bytes.Length)
                break;
            frames.Add(new CapturedFrame(frames.Count + 1, linkType, bytes.AsSpan(position, captured).ToArray(), Math.Max(original, captured)));
            position += captured;
        }
        return frames;
    }

    private static byte[] ConvertPcapng(string path)
    {
        var folder = TestDirectories.Create("pcapng");
        try
        {
            var target = Path.Combine(folder, "converted.pcap");
            using var process = Process.Start(new ProcessStartInfo("editcap", ["-F", "pcap", path, target])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException("editcap did not start");
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidDataException($"editcap -F pcap {path}: {error}");
            return File.ReadAllBytes(target);
        }
        finally
        {
            TestDirectories.Delete(folder);
        }
    }
}
