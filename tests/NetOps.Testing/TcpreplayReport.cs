using System.Globalization;
using System.Text.RegularExpressions;

namespace NetOps.Testing;

/// <summary>tcpreplay's closing statistics: "Successful packets: N", "Failed packets: N".</summary>
public sealed partial record TcpreplayReport(long Sent, long Failed, string Text)
{
    public static TcpreplayReport Parse(string output)
    {
        long Count(Regex pattern)
        {
            var match = pattern.Match(output);
            if (!match.Success)
                throw new InvalidOperationException("tcpreplay printed no statistics: " + output);
            return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return new TcpreplayReport(Count(Successful()), Count(FailedPackets()), output.Trim());
    }

    [GeneratedRegex(@"Successful packets:\s+(\d+)")]
    private static partial Regex Successful();

    [GeneratedRegex(@"Failed packets:\s+(\d+)")]
    private static partial Regex FailedPackets();
}
