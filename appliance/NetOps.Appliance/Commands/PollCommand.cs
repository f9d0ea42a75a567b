using System.CommandLine;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetOps.Collector.Snmp;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Snmp.Usm;

namespace NetOps.Appliance.Commands;

/// <summary><c>netops poll ADDRESS[:PORT]</c>: poll one device once and print its normalized state.</summary>
internal static class PollCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var address = new Argument<string>("ADDRESS") { Description = "Device address, optionally with :PORT (default 161); IPv6 as [addr]:port" };
        var community = new Option<string?>("--community", "-c") { Description = "SNMPv1/v2c community" };
        var v1 = new Option<bool>("--v1") { Description = "Use SNMPv1 instead of v2c with --community" };
        var user = new Option<string?>("--user", "-u") { Description = "SNMPv3 user" };
        var authProto = new Option<string?>("--auth-proto", "-a") { Description = "MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512" };
        var authKey = new Option<string?>("--auth-key", "-A") { Description = "SNMPv3 authentication password" };
        var privProto = new Option<string?>("--priv-proto", "-x") { Description = "DES, AES, AES-192, AES-256 (net-snmp's key extension), AES-192-C, AES-256-C (Cisco's)" };
        var privKey = new Option<string?>("--priv-key", "-X") { Description = "SNMPv3 privacy password" };
        var context = new Option<string?>("--context", "-n") { Description = "SNMPv3 context name" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds per attempt", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print JSON (the only output format for now)" };
        var command = new Command("poll", "Poll one device once (identity, interfaces, IPv6, LLDP, wireless APs and clients) and print its normalized state")
        {
            address, community, v1, user, authProto, authKey, privProto, privKey, context, timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPEndPoint.TryParse(parse.GetValue(address)!, out var endPoint))
            {
                Console.Error.WriteLine($"'{parse.GetValue(address)}' is not an IP address with an optional :port");
                return 2;
            }
            if (endPoint.Port == 0)
                endPoint.Port = 161;
            SnmpTarget target;
            try
            {
                if (parse.GetValue(user) is { Length: > 0 } name)
                {
                    var auth = parse.GetValue(authProto) is { Length: > 0 } a ? UsmProtocolNames.ParseAuth(a) : AuthProtocol.None;
                    var priv = parse.GetValue(privProto) is { Length: > 0 } p ? UsmProtocolNames.ParsePriv(p) : PrivProtocol.None;
                    target = SnmpTarget.V3(endPoint, new UsmUser(name, auth, parse.GetValue(authKey) ?? "", priv, parse.GetValue(privKey) ?? "", parse.GetValue(context) ?? ""));
                }
                else if (parse.GetValue(community) is { Length: > 0 } c)
                {
                    target = new SnmpTarget(endPoint, parse.GetValue(v1) ? SnmpVersion.V1 : SnmpVersion.V2c, c);
                }
                else
                {
                    Console.Error.WriteLine("Give --community, or --user with its protocols and keys.");
                    return 2;
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            target = target with { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
            await using var client = new SnmpClient();
            try
            {
                var state = await new DeviceStatePoller(client).PollAsync(target, cancellationToken);
                Console.WriteLine(JsonSerializer.Serialize(state, Json));
                return 0;
            }
            catch (Exception e) when (e is SnmpTimeoutException or SnmpErrorException or UsmException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
