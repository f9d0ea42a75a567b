using NetOps.Collector.Snmp;
using NetOps.Collector.Snmp.Wireless;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Store.Schema;
using NetOps.Testing;
using static NetOps.Collector.Tests.RecordingFacts;

namespace NetOps.Collector.Tests;

/// <summary>
/// Wireless APs, SSIDs and clients from real controllers' recordings (LibreNMS's test data served
/// by snmpsimd), compared with what LibreNMS found in them and with the tables in the recordings.
/// Where a recording's tables were captured at different moments the test says so and checks
/// what still holds (each figure against the table it comes from).
/// </summary>
public sealed class WirelessRecordingTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private async Task<WirelessState> PollAsync(string device)
    {
        await using var client = new SnmpClient();
        var target = new SnmpTarget(fixture.Simulator.EndPoint, SnmpVersion.V2c, device) { Timeout = TimeSpan.FromSeconds(3) };
        var state = await new DeviceStatePoller(client).PollAsync(target);
        Assert.Null(state.Wireless.Error);
        var points = WirelessPoints.For(StoreSchema.Current, new PolledDevice("d1", target, "wireless_controller", "lab"), state.Wireless, DateTimeOffset.UtcNow).ToList();
        Assert.All(points, p => Assert.Empty(StoreSchema.Current.Violations(p.Tag("school", "s1"))));
        return state.Wireless;
    }

    /// <summary>A LibreNMS count sensor's value (AP and client counts are whole numbers).</summary>
    private static long? LibreNms(List<Sensor> sensors, string sensorClass, string? index = null) =>
        (long)sensors.Single(s => s.Class == sensorClass && (index is null || s.Index == index)).Current;

    [Fact]
    public async Task HuaweiAcCountsApsAndSsidClientsAsLibreNmsDoes()
    {
        const string device = "vrp_ac6605-26";
        var w = await PollAsync(device);
        var librenms = LibreNmsWireless(device);
        Assert.Equal("huawei", w.Vendor);
        Assert.Equal(LibreNms(librenms, "ap-count"), w.ApCount); // hwWlanCurJointApNum
        Assert.Equal(LibreNms(librenms, "clients", "total-all-ssids"), w.Clients);
        Assert.Equal(3, w.Ssids.Count);
        foreach (var ssid in w.Ssids)
            Assert.Equal(LibreNms(librenms, "clients", "total-" + ssid.Name), ssid.Clients);

        // hwWlanApTable(3) in INDEX.tsv is three columns (serial, type, name) of one AP.
        Assert.Equal(3, IndexedRows(device, "hwWlanApTable"));
        var ap = Assert.Single(w.Aps);
        Assert.Equal("TestAP-NAME", ap.Name);
        Assert.Equal("50:6f:77:ea:dc:a0", ap.Mac);
        // No hwWlanApRunState in this recording; the AP's VAPs are up(1), so it is serving.
        Assert.Equal((ApStatus.Online, "vap up"), (ap.Status, ap.VendorStatus));
        // The recording has neither hwWlanApOnlineUserNum nor hwWlanRadioOnlineStaCnt; its VAP table
        // (captured at another moment than the SSID table, which counts 7) has 0 stations on every VAP.
        Assert.Equal(Sum(device, "1.3.6.1.4.1.2011.6.139.17.1.1.1.9"), ap.Clients);
        Assert.Equal(0, ap.Clients);
    }

    [Fact]
    public async Task HuaweiRouterWithBuiltInApListsItsAp()
    {
        const string device = "vrp_ar169fgwl"; // no LibreNMS result ships with this recording
        var w = await PollAsync(device);
        Assert.Equal("huawei", w.Vendor);
        Assert.Equal(2, IndexedRows(device, "hwWlanApTable")); // serial and name of one AP
        var ap = Assert.Single(w.Aps);
        Assert.Equal("ap-0", ap.Name);
        Assert.Equal("60:f1:8a:93:c4:0d", ap.Mac);
        // Neither an AP run state nor VAPs nor a radio run state: the status is not reported.
        Assert.Equal(ApStatus.Other, ap.Status);
        Assert.Equal(1, w.ApCount);
        Assert.Empty(w.Ssids);
    }

    [Fact]
    public async Task ArubaInstantMatchesLibreNmsPerApPerRadioAndPerSsid()
    {
        const string device = "aruba-instant";
        var w = await PollAsync(device);
        var librenms = LibreNmsWireless(device);
        Assert.Equal("aruba-instant", w.Vendor);
        Assert.Equal(LibreNms(librenms, "ap-count"), w.ApCount);
        Assert.Equal(LibreNms(librenms, "clients", "total-clients"), w.Clients);
        Assert.Equal(IndexedRows(device, "aiAccessPointTable") / 13, w.Aps.Count); // 13 columns per AP
        Assert.All(w.Aps, ap => Assert.Equal(ApStatus.Online, ap.Status));
        foreach (var ap in w.Aps)
        {
            // LibreNMS's radio sensors are indexed "<ap mac hex>.<radio>".
            var radios = librenms.Where(s => s.Class == "clients" && s.Index.StartsWith(ap.Mac.Replace(":", "") + ".", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(radios);
            Assert.Equal((long)radios.Sum(r => r.Current), ap.Clients);
        }
        Assert.Equal(IndexedRows(device, "aiWlanSSIDTable") / 5, w.Ssids.Count); // 5 columns per SSID
        foreach (var ssid in w.Ssids)
            Assert.Equal((long)librenms.Single(s => s.Description == $"SSID {ssid.Name} Clients").Current, ssid.Clients);
    }

    [Fact]
    public async Task ArubaOsTotalsMatchLibreNmsAndApsComeFromTheRadioTable()
    {
        const string device = "arubaos";
        var w = await PollAsync(device);
        var librenms = LibreNmsWireless(device);
        Assert.Equal("arubaos", w.Vendor);
        Assert.Equal(LibreNms(librenms, "ap-count"), w.ApCount); // wlsxSwitchTotalNumAccessPoints
        Assert.Equal(LibreNms(librenms, "clients"), w.Clients); // wlsxSwitchTotalNumStationsAssociated

        // A composite capture: the WLAN radio table holds 690 APs (1380 radios x 16 columns) while the
        // controller's counters say 1386 APs and 2654 clients, so the AP list is checked against the
        // radio table it comes from, not against the totals.
        const string radioEntry = "1.3.6.1.4.1.14823.2.2.1.5.2.1.5.1";
        Assert.Equal(IndexedRows(device, "wlsxWlanRadioTable"), Rows(device, radioEntry).Count);
        Assert.Equal(DistinctRows(device, radioEntry, 6), w.Aps.Count);
        Assert.Equal(690, w.Aps.Count);
        Assert.Equal(Sum(device, radioEntry + ".7"), w.Aps.Sum(a => a.Clients));
        Assert.NotEqual(w.Clients, w.Aps.Sum(a => a.Clients));
        // No wlsxWlanAPTable in the recording: names come from wlanAPRadioAPName, no status is reported.
        Assert.All(w.Aps, ap => Assert.Equal(ApStatus.Other, ap.Status));
        Assert.DoesNotContain(w.Aps, ap => ap.Name.Length == 0 || ap.Name == ap.Mac);
    }

    [Fact]
    public async Task CiscoWlcListsItsApWithRadioClientsAndSsidsWithoutCounts()
    {
        const string device = "iosxe_ct5760"; // LibreNMS's expected result for it has no wireless section
        var w = await PollAsync(device);
        Assert.Equal("cisco-wlc", w.Vendor);
        Assert.Equal(1, IndexedRows(device, "bsnAPTable"));
        var ap = Assert.Single(w.Aps);
        Assert.Equal("APC-013", ap.Name);
        Assert.Equal("b4:e9:b0:44:5d:00", ap.Mac);
        // bsnAPOperationStatus is not in the recording; both radios' bsnAPIfOperStatus are up(2).
        Assert.Equal((ApStatus.Online, "radio up"), (ap.Status, ap.VendorStatus));
        Assert.Equal(Sum(device, "1.3.6.1.4.1.14179.2.2.2.1.15"), ap.Clients);
        // bsnDot11EssTable(34): 17 SSIDs, but bsnDot11EssNumberOfMobileStations answers an empty string for each.
        Assert.Equal(34, IndexedRows(device, "bsnDot11EssTable"));
        Assert.Equal(17, Rows(device, "1.3.6.1.4.1.14179.2.1.1.1.2").Count);
        Assert.Empty(w.Ssids);
        Assert.Equal(ap.Clients, w.Clients);
    }

    [Fact]
    public async Task UnifiApAnswersForItselfAsLibreNmsCountsIt()
    {
        const string device = "unifi_nanohd";
        var w = await PollAsync(device);
        var librenms = LibreNmsWireless(device);
        Assert.Equal("unifi", w.Vendor); // its sysObjectID is net-snmp's: only the table tells
        var ap = Assert.Single(w.Aps);
        Assert.Equal(ApStatus.Online, ap.Status);
        Assert.Equal(LibreNms(librenms, "clients", "ng") + LibreNms(librenms, "clients", "na"), ap.Clients);
        Assert.Equal(2, w.Ssids.Count);
        foreach (var ssid in w.Ssids)
            Assert.Equal(LibreNms(librenms, "clients", ssid.Name), ssid.Clients);
        Assert.Equal(18, w.Clients);
    }

    [Fact]
    public async Task FortiGateReportsItsWirelessControllerTotals()
    {
        const string device = "fortigate_1500d";
        var w = await PollAsync(device);
        var librenms = LibreNmsWireless(device);
        Assert.Equal("fortigate", w.Vendor);
        Assert.Equal(LibreNms(librenms, "ap-count"), w.ApCount);
        Assert.Equal(LibreNms(librenms, "clients"), w.Clients);
        Assert.Empty(w.Aps);
    }

    public static IEnumerable<object[]> NotWireless() =>
        Directory.GetFiles(Path.Combine(SnmpSimulator.Recordings, "normalized"), "*.snmprec")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => WirelessColumn(name!) == "-")
            .Order()
            .Select(name => new object[] { name! });

    [Theory]
    [MemberData(nameof(NotWireless))]
    public async Task SwitchesRoutersAndServersAreNotTakenForControllers(string device)
    {
        var w = await PollAsync(device);
        Assert.Null(w.Vendor);
        Assert.Empty(w.Aps);
        Assert.Empty(w.Ssids);
    }
}
