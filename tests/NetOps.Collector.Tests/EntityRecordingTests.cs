using System.Text.Json;
using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Testing;

namespace NetOps.Collector.Tests;

/// <summary>
/// ENTITY-MIB identity of real devices' recordings (served by snmpsimd), compared with what LibreNMS
/// found in the same recordings: its entPhysical rows and its os figures (hardware, serial, version).
/// </summary>
public sealed class EntityRecordingTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    // What each recording says, read off the .snmprec files (vendor, model, serial numbers).
    public static TheoryData<string, string, string, string[]> Identities() => new()
    {
        { "aruba-instant", "Aruba", "", [] },
        { "arubaos", "Aruba", "ArubaS2500-48P", ["<private>"] },
        { "bison", "net-snmp", "", [] },
        { "ciscosb_c1200-8t-e-2g", "Cisco", "C1200-8T-E-2G", ["<private>"] },
        { "comware", "HP", "HP 10508", ["DM20F3400Z"] },
        { "cumulus_bgp", "Mellanox", "MSN4600-VS2FC", ["MTSERIALNUMER01"] },
        { "fortigate_1500d", "Fortinet", "FGT_1500D", ["redacted"] },
        { "ios_2960x", "Cisco", "WS-C2960X-48FPS-L", ["FCW1929B68S", "FCW1931A06Z", "FCW1929B6BP"] },
        { "iosxe_ct5760", "Cisco", "AIR-CT5760-E", ["SN123456789"] },
        { "linux_icecast", "net-snmp", "", [] },
        { "ruijie_s6150", "Ruijie", "", [] },
        { "stoneos", "Hillstone", "", [] },
        { "unifi_nanohd", "net-snmp", "", [] },
        { "vrp_5720", "Huawei", "HUAWEI S5720 Routing Switch", ["2102359576DMHC000120"] },
        { "vrp_ac6605-26", "Huawei", "AC6605-26-PWR", ["21023579169WJ6000038"] },
        { "vrp_ar169fgwl", "Huawei", "AR169FGW-L", ["21500102003GJA000278"] },
        { "vrp_ne", "Huawei", "NE40E-M2K-B frame", ["2102352DQV10L3000003"] },
        { "vrp_s5328c-ei", "Huawei", "Quidway S5300 Routing Switch", ["21023516106TD5001077"] },
        { "yunshan", "Huawei", "CloudEngine S6750-H", ["102459162713"] },
    };

    /// <summary>
    /// Where LibreNMS's os figure differs from ours for a reason, not a fault: LibreNMS reads vendor
    /// MIBs and parses sysDescr per OS; NetOps reports ENTITY-MIB as the device states it.
    /// </summary>
    private static readonly Dictionary<(string Device, string Figure), string> Differs = new()
    {
        [("aruba-instant", "serial")] = "no entPhysicalTable in the recording; LibreNMS reads AI-AP-MIB aiAPSerialNum",
        [("aruba-instant", "hardware")] = "no entPhysicalTable; LibreNMS parses sysDescr (MODEL: 225)",
        [("aruba-instant", "version")] = "no entPhysicalTable; LibreNMS parses sysDescr",
        [("arubaos", "version")] = "composite capture (INDEX.tsv): ENTITY-MIB describes an S2500 MAS stack running 7.4.1.11, sysDescr a controller running ArubaOS 6.4.4.4",
        [("comware", "serial")] = "composite capture: ENTITY-MIB's chassis is an HP 10508 (DM20F3400Z); LibreNMS reads HH3C-ENTITY-EXT 1.3.6.1.4.1.25506.2.6.1.2.1.1.2.1 (DM20F3000F) of the FF 5700 in sysDescr",
        [("comware", "hardware")] = "composite capture: LibreNMS parses sysDescr (FF 5700-40XG-2QSFP), ENTITY-MIB says HP 10508",
        [("comware", "version")] = "composite capture: LibreNMS parses sysDescr (7.1.045), the HP 10508 chassis runs 10500-CMW-1201",
        [("cumulus_bgp", "hardware")] = "LibreNMS's cumulus OS takes the chassis entPhysicalDescr; NetOps reports entPhysicalModelName (the Descr is kept in chassis[].descr)",
        [("fortigate_1500d", "hardware")] = "LibreNMS maps the sysObjectID to a marketing name (FortiGate 1500D); entPhysicalModelName is FGT_1500D",
        [("linux_icecast", "hardware")] = "no entPhysicalTable; LibreNMS names the architecture from sysDescr",
        [("linux_icecast", "version")] = "no entPhysicalTable; LibreNMS parses the kernel from sysDescr",
        [("stoneos", "serial")] = "no entPhysicalTable; LibreNMS reads Hillstone's own MIB",
        [("stoneos", "hardware")] = "no entPhysicalTable; LibreNMS parses sysDescr",
        [("stoneos", "version")] = "no entPhysicalTable; LibreNMS reads Hillstone's own MIB",
        [("unifi_nanohd", "hardware")] = "no entPhysicalTable; LibreNMS parses sysDescr",
        [("unifi_nanohd", "version")] = "no entPhysicalTable; LibreNMS parses sysDescr",
        [("vrp_5720", "serial")] = "LibreNMS reads HUAWEI-SYS-MAN-MIB 1.3.6.1.4.1.2011.5.25.188.1.1.0 (anonymised 12345678); the chassis entPhysicalSerialNum is 2102359576DMHC000120",
        [("vrp_5720", "hardware")] = "entPhysicalModelName is empty; LibreNMS parses sysDescr's first line, NetOps falls back to entPhysicalName",
        [("vrp_5720", "version")] = "LibreNMS rewrites sysDescr's version ('5.170 (V200R010C00SPC600) [unlocked]'); entPhysicalSoftwareRev says 'Version 5.170 V200R010C00SPC600'",
        [("vrp_s5328c-ei", "version")] = "LibreNMS rewrites sysDescr's version with the patch ('[V200R001SPH005]'); entPhysicalSoftwareRev says 'Version 5.110 V200R001C00SPC300'",
        [("yunshan", "hardware")] = "LibreNMS parses the product family from sysDescr (S6700); entPhysicalName is CloudEngine S6750-H",
        [("yunshan", "version")] = "entPhysicalSoftwareRev is empty on this chassis; LibreNMS parses sysDescr",
    };

    private async Task<EntityState> PollAsync(string device)
    {
        await using var client = new SnmpClient();
        var target = new SnmpTarget(fixture.Simulator.EndPoint, SnmpVersion.V2c, device) { Timeout = TimeSpan.FromSeconds(3) };
        var sysObjectId = (await client.GetAsync(target, [ObjectIdentifier.Parse("1.3.6.1.2.1.1.2.0")]))[0].Value.Text;
        return await new EntityPoller(client).PollAsync(target, sysObjectId);
    }

    [Theory]
    [MemberData(nameof(Identities))]
    public async Task VendorModelAndEveryChassisSerialAreRead(string device, string vendor, string model, string[] serials)
    {
        var entity = await PollAsync(device);
        Assert.Equal(vendor, entity.Vendor);
        Assert.Equal(model, entity.Model);
        Assert.Equal(serials, entity.SerialNumbers);
        Assert.NotNull(entity.EnterpriseNumber);
    }

    public static IEnumerable<object[]> WithLibreNms() =>
        Directory.GetFiles(Path.Combine(SnmpSimulator.Recordings, "expected"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()
            .Where(name => File.Exists(Path.Combine(SnmpSimulator.Recordings, "normalized", name + ".snmprec")))
            .Select(name => new object[] { name! });

    [Theory]
    [MemberData(nameof(WithLibreNms))]
    public async Task ChassisRowsEqualLibreNmsEntPhysicalRows(string device)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SnmpSimulator.Recordings, "expected", device + ".json")));
        if (!doc.RootElement.TryGetProperty("entity-physical", out var section))
            return;
        var rows = section.GetProperty("discovery").GetProperty("entPhysical").EnumerateArray()
            .ToDictionary(r => r.GetProperty("entPhysicalIndex").GetInt64());
        var entity = await PollAsync(device);
        if (device == "aruba-instant")
        {
            // LibreNMS builds Aruba Instant's entPhysical rows from AI-AP-MIB; the recording has no ENTITY-MIB.
            Assert.Empty(entity.Chassis);
            return;
        }
        var chassis = rows.Values.Where(r => r.GetProperty("entPhysicalClass").GetString() == "chassis").Select(r => r.GetProperty("entPhysicalIndex").GetInt64()).ToList();
        var stackMembers = rows.Values.Where(r => r.GetProperty("entPhysicalClass").GetString() == "stack"
                && !rows.Values.Any(o => o.GetProperty("entPhysicalClass").GetString() == "stack" && o.GetProperty("entPhysicalContainedIn").GetInt64() == r.GetProperty("entPhysicalIndex").GetInt64()))
            .Select(r => r.GetProperty("entPhysicalIndex").GetInt64()).ToList();
        Assert.Equal((chassis.Count > 0 ? chassis : stackMembers).Order(), entity.Chassis.Select(c => c.Index));
        foreach (var member in entity.Chassis)
        {
            var row = rows[member.Index];
            string Libre(string column) => row.TryGetProperty(column, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim('\0', ' ') : "";
            Assert.Equal(Libre("entPhysicalClass"), member.Class);
            Assert.Equal(row.GetProperty("entPhysicalContainedIn").GetInt64(), member.ContainedIn);
            // LibreNMS shows control bytes as dots (cumulus's entPhysicalName is two NULs).
            if (Libre("entPhysicalName").Trim('.').Length > 0)
                Assert.Equal(Libre("entPhysicalName"), member.Name);
            Assert.Equal(Libre("entPhysicalDescr"), member.Descr);
            Assert.Equal(Libre("entPhysicalMfgName"), member.MfgName);
            Assert.Equal(Libre("entPhysicalModelName"), member.Model);
            Assert.Equal(Libre("entPhysicalHardwareRev"), member.HardwareRev);
            Assert.Equal(Libre("entPhysicalFirmwareRev"), member.FirmwareRev);
            Assert.Equal(Libre("entPhysicalSoftwareRev"), member.SoftwareRev);
            if (member.SerialSource == "entPhysicalSerialNum")
                Assert.Equal(Libre("entPhysicalSerialNum"), member.Serial);
            else
                Assert.Equal("", Libre("entPhysicalSerialNum"));
        }
    }

    [Theory]
    [MemberData(nameof(WithLibreNms))]
    public async Task OsFiguresAgreeWithLibreNmsOrTheDifferenceIsExplained(string device)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SnmpSimulator.Recordings, "expected", device + ".json")));
        var os = doc.RootElement.GetProperty("os").GetProperty("discovery").GetProperty("devices")[0];
        var entity = await PollAsync(device);
        var ours = new Dictionary<string, Func<string, bool>>
        {
            ["serial"] = libre => entity.SerialNumbers.Contains(libre),
            ["hardware"] = libre => Overlaps(libre, entity.Model) || Overlaps(libre, $"{entity.Model} {entity.HardwareRev}"),
            ["version"] = libre => Overlaps(libre, entity.SoftwareRev),
        };
        foreach (var (figure, agrees) in ours)
        {
            var libre = os.TryGetProperty(figure, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            var explained = Differs.TryGetValue((device, figure), out var reason);
            if (libre.Length == 0)
            {
                Assert.False(explained, $"{device} {figure}: LibreNMS has none, the note is stale");
                continue;
            }
            if (explained)
                Assert.False(agrees(libre), $"{device} {figure}: now agrees with LibreNMS ('{libre}'), the note '{reason}' is stale");
            else
                Assert.True(agrees(libre), $"{device} {figure}: LibreNMS '{libre}', ours: model '{entity.Model}', serials [{string.Join(", ", entity.SerialNumbers)}], software '{entity.SoftwareRev}'");
        }
    }

    /// <summary>One figure contains the other (LibreNMS often adds or strips words around the same value).</summary>
    private static bool Overlaps(string a, string b) =>
        a.Length > 0 && b.Trim().Length > 0 && (a.Contains(b.Trim(), StringComparison.OrdinalIgnoreCase) || b.Contains(a, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void EnterpriseNumbersAreTheIanaRegistrys()
    {
        // Debian's libwireshark-data ships the IANA registry of private enterprise numbers.
        var registry = File.ReadLines("/usr/share/wireshark/enterprises.tsv")
            .Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split('\t'))
            .ToDictionary(p => long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => p[1].Trim());
        Assert.Contains(2011, EnterpriseNumbers.Numbers);
        foreach (var number in EnterpriseNumbers.Numbers)
            Assert.Equal(registry[number], EnterpriseNumbers.Name(number).Registry);
        Assert.Equal(2011, EnterpriseNumbers.Of("1.3.6.1.4.1.2011.2.23.291"));
        Assert.Equal(25506, EnterpriseNumbers.Of(".1.3.6.1.4.1.25506.11.1.172"));
        Assert.Null(EnterpriseNumbers.Of("1.3.6.1.2.1.1"));
        Assert.Null(EnterpriseNumbers.Of("not an oid"));
    }
}
