using System.Text.Json.Serialization;

namespace NetOps.Collector.Snmp;

/// <summary>
/// What a wireless controller (or an AP that answers for itself) says about its APs and clients.
/// <see cref="Vendor"/> is null when the device answered none of the wireless tables NetOps knows.
/// </summary>
/// <param name="Vendor">The profile that read it: huawei, h3c, ruijie, cisco-wlc, arubaos, aruba-instant, unifi, fortigate.</param>
/// <param name="ApCount">APs the controller counts as joined when it has such a counter, else the APs it lists.</param>
/// <param name="Clients">Associated clients: the controller's own total, else the sum over SSIDs, else over APs.</param>
/// <param name="Error">Why the wireless tables could not be read although the device has them (the rest of the poll stands).</param>
public sealed record WirelessState(
    string? Vendor,
    long? ApCount,
    long? Clients,
    IReadOnlyList<AccessPointState> Aps,
    IReadOnlyList<SsidState> Ssids,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public static WirelessState None { get; } = new(null, null, null, [], []);
}

/// <param name="Name">The AP's name on the controller (its MAC when it has none).</param>
/// <param name="Mac">aa:bb:cc:dd:ee:ff, or empty when the device does not say.</param>
/// <param name="Status">online | offline | other (joining, downloading, not reported...).</param>
/// <param name="Clients">Clients associated with this AP (all its radios).</param>
/// <param name="VendorStatus">The device's own word for the state (e.g. normal, fault, run), or how it was inferred.</param>
public sealed record AccessPointState(string Name, string Mac, string Status, long Clients, string VendorStatus = "");

public sealed record SsidState(string Name, long Clients);

/// <summary>The three AP states NetOps grades by.</summary>
public static class ApStatus
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Other = "other";
}
