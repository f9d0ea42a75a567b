using NetOps.Analyzer.Tests.Corpus;

namespace NetOps.Analyzer.Tests.Protocols;

/// <summary>Reports one field that NetOps reads differently from tshark.</summary>
public delegate void FieldCheck(string field, string? tshark, string? netOps);

/// <summary>Reads every frame tshark's filter selects with NetOps and asserts each compared field agrees.</summary>
public static class TsharkAgreement
{
    /// <param name="compare">Reads one datagram and checks its fields; returns why it could not be read, or null.</param>
    public static async Task AssertAsync(string file, string filter, string[] fields, ushort[] ports,
        Func<PayloadFrame, TsharkPacket, FieldCheck, string?> compare)
    {
        var tshark = await TsharkFields.ReadAsync(CaptureCorpus.PathOf(file), filter, fields);
        var datagrams = PayloadFrame.Of(file).Where(f => f.Protocol == IpProtocols.Udp && !f.IsLaterFragment && (ports.Length == 0 || ports.Any(f.HasPort))).ToDictionary(f => f.Number);
        Assert.NotEmpty(tshark);
        var differences = new List<string>();
        foreach (var (frame, theirs) in tshark)
        {
            Assert.True(datagrams.TryGetValue(frame, out var datagram), $"frame {frame}: tshark sees {filter}, NetOps no matching UDP datagram");
            var refusal = compare(datagram, theirs, (field, expected, actual) =>
            {
                if (expected != actual)
                    differences.Add($"frame {frame} {field}: tshark {expected ?? "(none)"}, NetOps {actual ?? "(none)"}");
            });
            if (refusal is not null)
                differences.Add($"frame {frame}: not read ({refusal})");
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
    }
}
