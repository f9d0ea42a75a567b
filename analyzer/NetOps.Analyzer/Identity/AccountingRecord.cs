using System.Text;
using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Protocols.Radius;

namespace NetOps.Analyzer.Identity;

/// <summary>
/// What one RADIUS Accounting-Request (RFC 2866) says about a session, as text and addresses ready for
/// the timeline and the store. Built off the hot path (it allocates strings).
/// </summary>
public sealed record AccountingRecord
{
    public required AcctStatusType Status { get; init; }

    public string? User { get; init; }

    public MacAddress? Mac { get; init; }

    public IpAddress? FramedIp { get; init; }

    public IpAddress? FramedIpv6 { get; init; }

    public IpAddress? FramedIpv6Prefix { get; init; }

    public byte FramedIpv6PrefixLength { get; init; }

    /// <summary>NAS-IP-Address, else the address the request came from.</summary>
    public required IpAddress Nas { get; init; }

    public string? NasIdentifier { get; init; }

    public string? SessionId { get; init; }

    /// <summary>When the session began: the request's time less Acct-Session-Time when it has one.</summary>
    public required long SessionStartNanos { get; init; }

    /// <summary>When the request was seen (or received).</summary>
    public required long SeenNanos { get; init; }

    public uint? SessionTimeSeconds { get; init; }

    public static AccountingRecord From(in RadiusReader request, long seenNanos, IpAddress sender)
    {
        MacAddress? mac = MacText.TryParse(request.CallingStationId, out var parsed) ? parsed : null;
        return new AccountingRecord
        {
            Status = request.AcctStatusType,
            User = Text(request.UserName),
            Mac = mac,
            FramedIp = request.HasFramedIpAddress && RadiusAddresses.IsHostAddress(request.FramedIpAddress) ? request.FramedIpAddress : null,
            FramedIpv6 = request.HasFramedIpv6Address ? request.FramedIpv6Address : null,
            FramedIpv6Prefix = request.HasFramedIpv6Prefix ? request.FramedIpv6Prefix : null,
            FramedIpv6PrefixLength = request.FramedIpv6PrefixLength,
            Nas = request.HasNasIpAddress ? request.NasIpAddress : sender,
            NasIdentifier = Text(request.NasIdentifier),
            SessionId = Text(request.AcctSessionId),
            SessionStartNanos = request.HasAcctSessionTime ? seenNanos - (long)request.AcctSessionTime * 1_000_000_000 : seenNanos,
            SeenNanos = seenNanos,
            SessionTimeSeconds = request.HasAcctSessionTime ? request.AcctSessionTime : null,
        };
    }

    /// <summary>Hands the session to the timeline: one binding per framed address or prefix (a MAC ↔ user join when none).</summary>
    public int RecordInto(IdentityTimeline timeline)
    {
        if (Status is AcctStatusType.AccountingOn or AcctStatusType.AccountingOff)
        {
            timeline.EndNas(Nas, SeenNanos);
            return 0;
        }
        if (Status is not (AcctStatusType.Start or AcctStatusType.InterimUpdate or AcctStatusType.Stop))
            return 0;
        var end = Status == AcctStatusType.Stop ? SeenNanos : SeenNanos + timeline.OpenSessionHorizonNanos;
        return RadiusAddresses.Record(timeline, FramedIp, FramedIpv6, FramedIpv6Prefix, FramedIpv6PrefixLength, User, Mac, SessionStartNanos, end, Nas);
    }

    internal static string? Text(ReadOnlySpan<byte> value) => value.IsEmpty ? null : Encoding.UTF8.GetString(value);
}

/// <summary>Framed addresses of RADIUS as timeline bindings.</summary>
internal static class RadiusAddresses
{
    /// <summary>False for 255.255.255.254 ("the NAS picks"), 255.255.255.255 ("the user picks") and 0.0.0.0 (RFC 2865 §5.8).</summary>
    public static bool IsHostAddress(IpAddress framed) => framed.IPv4Value is not (0xFFFFFFFE or 0xFFFFFFFF or 0);

    public static int Record(IdentityTimeline timeline, IpAddress? ipv4, IpAddress? ipv6, IpAddress? prefix, byte prefixLength,
        string? user, MacAddress? mac, long start, long end, IpAddress nas)
    {
        var recorded = 0;
        foreach (var (address, length) in new[] { (ipv4, (byte)128), (ipv6, (byte)128), (prefix, prefixLength) })
        {
            if (address is null)
                continue;
            timeline.Record(new IdentityBinding { Address = address, PrefixLength = length, StartNanos = start, EndNanos = end, User = user, Mac = mac, Nas = nas, Source = "radius" });
            recorded++;
        }
        if (recorded == 0 && mac is not null && user is not null)
        {
            timeline.Record(new IdentityBinding { Address = null, StartNanos = start, EndNanos = end, User = user, Mac = mac, Nas = nas, Source = "radius" });
            recorded++;
        }
        return recorded;
    }
}
