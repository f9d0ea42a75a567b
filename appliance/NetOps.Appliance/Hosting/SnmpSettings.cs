using System.Net;
using NetOps.Collector.Snmp;
using NetOps.Configuration;
using NetOps.Snmp;
using NetOps.Snmp.Client;
using NetOps.Snmp.Usm;

namespace NetOps.Appliance.Hosting;

/// <summary>Turns the configuration's SNMP users and devices into the engine's types.</summary>
internal static class SnmpSettings
{
    public static UsmUser User(SnmpUserConfig user, string context = "") =>
        new(user.Name,
            user.Auth.Length == 0 ? AuthProtocol.None : UsmProtocolNames.ParseAuth(user.Auth), user.AuthPassword,
            user.Priv.Length == 0 ? PrivProtocol.None : UsmProtocolNames.ParsePriv(user.Priv), user.PrivPassword, context);

    public static PolledDevice Device(SnmpDeviceConfig device)
    {
        var endPoint = IPEndPoint.Parse(device.Address);
        if (endPoint.Port == 0)
            endPoint.Port = 161;
        var target = device.Version == "v3"
            ? SnmpTarget.V3(endPoint, User(device.User, device.Context))
            : new SnmpTarget(endPoint, device.Version == "v1" ? SnmpVersion.V1 : SnmpVersion.V2c, device.Community);
        return new PolledDevice(device.Name, target, device.Role, device.Location);
    }
}
