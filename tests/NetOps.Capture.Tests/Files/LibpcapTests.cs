using NetOps.Capture.Files;
using NetOps.Capture.Live;

namespace NetOps.Capture.Tests.Files;

/// <summary>
/// Every capture of the corpus read by NetOps and by libpcap's own savefile reader (through the
/// live capture's interop): the same frames, byte for byte, with the same lengths and times.
/// </summary>
public sealed class LibpcapTests
{
    public static TheoryData<string> Files() => Corpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void FramesEqualLibpcapsByteForByte(string file)
    {
        var path = Corpus.PathOf(file);
        LiveCapture libpcap;
        try
        {
            libpcap = LiveCapture.OpenOffline(path);
        }
        catch (LiveCaptureException e)
        {
            Assert.Fail(e.Message);
            return;
        }
        using (libpcap)
        {
            if (LinkTypes.FromNumber((uint)libpcap.LinkType) is null)
            {
                // libpcap reads any link type; NetOps refuses those it does not decode (dlt_ppp.pcap).
                Assert.Throws<UnsupportedLinkTypeException>(() => CaptureFile.Open(path));
                return;
            }
            using var ours = CaptureFile.Open(path);
            var index = 0;
            while (true)
            {
                var hasTheirs = libpcap.TryReadNext(out var theirHeader, out var theirData);
                var hasOurs = ours.TryReadNext(out var ourHeader, out var ourData);
                Assert.True(hasTheirs == hasOurs, $"frame {index + 1}: libpcap {(hasTheirs ? "has" : "has no")} frame, NetOps {(hasOurs ? "has" : "has none")}; libpcap: {libpcap.Statistics}; NetOps: {ours.Statistics}");
                if (!hasOurs)
                    break;
                index++;
                Assert.True(theirData.SequenceEqual(ourData), $"frame {index}: bytes differ");
                Assert.Equal((theirHeader.TimestampNanos, theirHeader.CapturedLength, theirHeader.OriginalLength), (ourHeader.TimestampNanos, ourHeader.CapturedLength, ourHeader.OriginalLength));
            }
        }
    }
}
