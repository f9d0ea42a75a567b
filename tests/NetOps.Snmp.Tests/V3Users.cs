using System.Text;
using NetOps.Snmp.Usm;

namespace NetOps.Snmp.Tests;

/// <summary>One snmpd user for every authentication and privacy combination net-snmp 5.9 offers (-C: Cisco's Reeder key extension).</summary>
internal static class V3Users
{
    public static readonly string[] AuthNames = ["MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512"];
    public static readonly string[] PrivNames = ["", "DES", "AES", "AES-192", "AES-256", "AES-192-C", "AES-256-C"];

    public static string UserName(string auth, string priv) => $"u_{auth}_{(priv.Length == 0 ? "nopriv" : priv)}".Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
    public static string AuthPassword(string auth) => $"auth-{auth}-password";
    public static string PrivPassword(string priv) => $"priv-{priv}-secret";

    public static UsmUser User(string auth, string priv) =>
        new(UserName(auth, priv), UsmProtocolNames.ParseAuth(auth), AuthPassword(auth),
            priv.Length == 0 ? PrivProtocol.None : UsmProtocolNames.ParsePriv(priv), priv.Length == 0 ? "" : PrivPassword(priv));

    public static string Config()
    {
        var config = new StringBuilder();
        config.AppendLine("createUser u_noauth");
        config.AppendLine("rouser u_noauth noauth");
        foreach (var auth in AuthNames)
        {
            foreach (var priv in PrivNames)
            {
                var name = UserName(auth, priv);
                config.AppendLine(priv.Length == 0
                    ? $"createUser {name} {auth} {AuthPassword(auth)}"
                    : $"createUser {name} {auth} {AuthPassword(auth)} {priv} {PrivPassword(priv)}");
                config.AppendLine($"rouser {name} {(priv.Length == 0 ? "auth" : "priv")}");
            }
        }
        return config.ToString();
    }

    public static IEnumerable<object[]> Combinations() =>
        from auth in AuthNames from priv in PrivNames select new object[] { auth, priv };
}
