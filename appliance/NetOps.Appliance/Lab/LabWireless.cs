using System.Globalization;
using System.Text;

namespace NetOps.Appliance.Lab;

/// <summary>
/// The lab wireless controller's tables, in the Huawei AC MIBs (HUAWEI-WLAN-AP-MIB hwWlanApTable,
/// HUAWEI-WLAN-AP-RADIO-MIB hwWlanRadioInfoTable, HUAWEI-WLAN-VAP-MIB hwWlanSsidStatisticTable,
/// HUAWEI-WLAN-GLOBAL-MIB hwWlanCurJointApNum), the controller most Chinese schools run: eight APs
/// in the school's buildings, one of them offline, three SSIDs, client counts that rise and fall
/// (snmpsim's numeric variation, a sine over minutes). NetOps writes these itself.
/// </summary>
internal static class LabWireless
{
    private const string ApEntry = "1.3.6.1.4.1.2011.6.139.13.3.3.1";
    private const string RadioEntry = "1.3.6.1.4.1.2011.6.139.16.1.2.1";
    private const string SsidEntry = "1.3.6.1.4.1.2011.6.139.17.1.2.1";
    private const string CurJointApNum = "1.3.6.1.4.1.2011.6.139.12.1.2.1.0";

    /// <summary>AP name (building and floor) and whether it is up: the one in the gym (TYG) has failed.</summary>
    public static readonly (string Name, bool Online)[] Aps =
    [
        ("JXL-1F-AP01", true), ("JXL-2F-AP02", true), ("JXL-3F-AP03", true), ("SYL-1F-AP01", true),
        ("SYL-2F-AP02", true), ("TYG-1F-AP01", false), ("TSG-1F-AP01", true), ("BGL-2F-AP01", true),
    ];

    public static readonly string[] Ssids = ["Campus-Staff", "Campus-Student", "Campus-Guest"];

    public static IEnumerable<(string Oid, string Value)> Rows()
    {
        yield return (CurJointApNum, "2|" + Aps.Count(a => a.Online).ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < Aps.Length; i++)
        {
            var (name, online) = Aps[i];
            // A locally administered MAC per AP; hwWlanApTable is indexed by it (six arcs, no length).
            var mac = new byte[] { 0x02, 0x4e, 0x54, 0x00, 0x01, (byte)(i + 1) };
            var index = string.Join('.', mac);
            yield return ($"{ApEntry}.2.{index}", "4|21023571" + (i + 1).ToString("D8", CultureInfo.InvariantCulture));
            yield return ($"{ApEntry}.3.{index}", "4|AP4050DN");
            yield return ($"{ApEntry}.4.{index}", "4|" + name);
            yield return ($"{ApEntry}.5.{index}", "4|campus");
            yield return ($"{ApEntry}.6.{index}", online ? "2|8" : "2|4"); // hwWlanApRunState normal(8) / fault(4)
            yield return ($"{ApEntry}.13.{index}", $"64|10.10.40.{11 + i}");
            yield return ($"{ApEntry}.44.{index}", online ? Moving(offset: 8 + 3 * (i % 4), scale: 5, rate: 0.02 + 0.005 * i) : "2|0");
            for (var radio = 0; radio < 2; radio++)
            {
                yield return ($"{RadioEntry}.5.{index}.{radio}", radio == 0 ? "2|1" : "2|2"); // frequency2G(1), frequency5G(2)
                yield return ($"{RadioEntry}.6.{index}.{radio}", online ? "2|1" : "2|2");     // up(1), down(2)
            }
        }
        for (var s = 0; s < Ssids.Length; s++)
        {
            // hwWlanSsid is an OCTET STRING index: length, then the bytes.
            var bytes = Encoding.UTF8.GetBytes(Ssids[s]);
            var index = bytes.Length.ToString(CultureInfo.InvariantCulture) + "." + string.Join('.', bytes);
            yield return ($"{SsidEntry}.2.{index}", Moving(offset: 6 + 4 * s, scale: 4, rate: 0.03 + 0.01 * s));
            yield return ($"{SsidEntry}.3.{index}", Moving(offset: 15 + 10 * s, scale: 8, rate: 0.025 + 0.01 * s));
            yield return ($"{SsidEntry}.4.{index}", "2|" + Aps.Count(a => a.Online).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A gauge that swings around <paramref name="offset"/> by ±<paramref name="scale"/> over minutes, never below 0.</summary>
    private static string Moving(int offset, int scale, double rate) =>
        string.Create(CultureInfo.InvariantCulture, $"2:numeric|function=sin,rate={rate},scale={scale},offset={offset},deviation=1,min=0,max=500");
}
