using NetOps.Store.LineProtocol;
using NetOps.Store.Schema;

namespace NetOps.Collector.Snmp.Wireless;

/// <summary>The store points of one device's wireless state: wifi_controller, one wifi_ap per AP, one wifi_ssid per SSID.</summary>
public static class WirelessPoints
{
    public static IEnumerable<Point> For(StoreSchema schema, PolledDevice device, WirelessState wireless, DateTimeOffset now)
    {
        if (wireless.Vendor is null)
            yield break;
        yield return schema.NewPoint("wifi_controller")
            .Tag("device", device.Name)
            .Tag("role", device.Role)
            .Tag("vendor", wireless.Vendor)
            .Field("ap_count", wireless.ApCount ?? 0)
            .Field("aps_listed", (long)wireless.Aps.Count)
            .Field("aps_online", (long)wireless.Aps.Count(a => a.Status == ApStatus.Online))
            .Field("aps_offline", (long)wireless.Aps.Count(a => a.Status == ApStatus.Offline))
            .Field("clients", wireless.Clients ?? 0)
            .Field("ssids", (long)wireless.Ssids.Count)
            .Field("error", wireless.Error ?? "")
            .Timestamp(now);
        foreach (var (ap, name) in Named(wireless.Aps, a => a.Name))
        {
            yield return schema.NewPoint("wifi_ap")
                .Tag("device", device.Name)
                .Tag("ap", name)
                .Field("mac", ap.Mac)
                .Field("status", ap.Status)
                .Field("vendor_status", ap.VendorStatus)
                .Field("online", ap.Status == ApStatus.Online ? 1L : 0L)
                .Field("clients", ap.Clients)
                .Timestamp(now);
        }
        foreach (var (ssid, name) in Named(wireless.Ssids, s => s.Name))
            yield return schema.NewPoint("wifi_ssid").Tag("device", device.Name).Tag("ssid", name).Field("clients", ssid.Clients).Timestamp(now);
    }

    /// <summary>Items with their tag-safe names; two with the same name would be one series, so the first in the list wins.</summary>
    private static IEnumerable<(T Item, string Name)> Named<T>(IEnumerable<T> items, Func<T, string> name) =>
        items.Select(i => (i, TagValue(name(i)))).Where(x => x.Item2.Length > 0).DistinctBy(x => x.Item2);

    /// <summary>
    /// A name the device chose, made safe as a tag value: line breaks become spaces and backslashes
    /// slashes (line protocol cannot carry a backslash before a separator), surrounding blanks trimmed.
    /// </summary>
    public static string TagValue(string name) => name.Replace('\r', ' ').Replace('\n', ' ').Replace('\\', '/').Trim();
}
