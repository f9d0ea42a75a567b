using System.Globalization;

namespace NetOps.Analyzer.Rules.DomainLists;

/// <summary>
/// The one spelling of a host name that lists store and matchers compare: ASCII (IDN as punycode),
/// lower case, no trailing dot, labels of letters, digits, '-' and '_' (seen in real service names).
/// </summary>
public static class DomainName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>The normalized name, or null when <paramref name="text"/> is not a host name (IP literal, wildcard, empty label…).</summary>
    public static string? Normalize(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.EndsWith('.'))
            text = text[..^1];
        if (text.IsEmpty || text.Length > 253)
            return null;
        string ascii;
        if (IsAscii(text))
            ascii = text.ToString().ToLowerInvariant();
        else
        {
            try
            {
                ascii = Idn.GetAscii(text.ToString()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
        return IsValidAscii(ascii) ? ascii : null;
    }

    private static bool IsAscii(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c > 0x7f)
                return false;
        return true;
    }

    private static bool IsValidAscii(string name)
    {
        var labels = 0;
        var allDigitsOrDots = true;
        foreach (var range in name.AsSpan().Split('.'))
        {
            var label = name.AsSpan(range);
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
                    return false;
                if (c is not (>= '0' and <= '9'))
                    allDigitsOrDots = false;
            }
            labels++;
        }
        // "10.0.0.1" is an address, not a name; a single label ("localhost") is no public domain.
        return labels >= 2 && !allDigitsOrDots;
    }
}
