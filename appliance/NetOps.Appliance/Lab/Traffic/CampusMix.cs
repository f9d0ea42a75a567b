using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using NetOps.Appliance.Lab.Traffic.Payloads;
using NetOps.Snmp;
using NetOps.Snmp.Ber;

namespace NetOps.Appliance.Lab.Traffic;

/// <summary>What a generated capture holds, for the lab's log and for tests.</summary>
internal sealed record CampusMixSummary(long Frames, int Hosts, int DualStackHosts, int WebSessions, int DnsQueries);

/// <summary>
/// Generates the lab's own campus traffic: DHCP leases and RADIUS accounting as devices join,
/// router advertisements and duplicate-address detection, DNS (A and AAAA) before every visit,
/// TLS 1.3 sessions with SNI over IPv4 and IPv6, plain HTTP downloads (one with Basic credentials),
/// SNMP v2c polling and a Telnet login on the management network, and one XMRig miner — the
/// things the analyzer and its detectors must see. Deterministic for a seed.
/// </summary>
internal sealed class CampusMix
{
    private static readonly PhysicalAddress Broadcast = PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF");
    private static readonly PhysicalAddress AllNodesMac = PhysicalAddress.Parse("33-33-00-00-00-01");
    private readonly TrafficRecorder _recorder = new();
    private readonly Random _random;
    private readonly long _start;
    private readonly long _end;
    private int _webSessions;
    private int _dnsQueries;
    private ushort _dnsId = 1;

    private CampusMix(int seed, DateTimeOffset start, TimeSpan duration)
    {
        _random = new Random(seed);
        _start = start.ToUnixTimeMilliseconds() * 1_000_000;
        _end = _start + duration.Ticks * 100;
    }

    public static CampusMixSummary Write(Stream output, DateTimeOffset start, TimeSpan duration, int hostCount = 60, int seed = 2026)
    {
        var mix = new CampusMix(seed, start, duration);
        var hosts = LabNetwork.Hosts(hostCount, mix._random);
        mix.RouterAdvertisements();
        foreach (var host in hosts)
            mix.HostDay(host);
        mix.SnmpPolling();
        mix.TelnetLogin(hosts[0]);
        mix.PrinterAdmin(hosts[0]);
        foreach (var host in hosts.Where((_, i) => i % 10 == 5))
            mix.UpdateDownload(host);
        mix.Miner(hosts.FirstOrDefault(h => h.Name.EndsWith("-66", StringComparison.Ordinal)) ?? hosts[^1]);
        var frames = mix._recorder.WriteTo(output);
        return new CampusMixSummary(frames, hosts.Count, hosts.Count(h => h.V6 is not null), mix._webSessions, mix._dnsQueries);
    }

    private long At(double fraction) => _start + (long)((_end - _start) * fraction);

    private long Jitter(long maxNanos) => _random.NextInt64(maxNanos);

    private void RouterAdvertisements()
    {
        var router = new Endpoint(LabNetwork.GatewayMac, LabNetwork.GatewayV6LinkLocal, 0);
        var allNodes = new Endpoint(AllNodesMac, IPAddress.Parse("ff02::1"), 0);
        for (var t = _start; t < _end; t += 20_000_000_000L)
        {
            var body = new byte[12 + 32 + 8];
            body[0] = 64; // cur hop limit; flags 0: SLAAC
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), 1800);
            // Prefix information option (type 3, 4 x 8 bytes): on-link, autonomous.
            body[12] = 3;
            body[13] = 4;
            body[14] = 64;
            body[15] = 0xc0;
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16), 2_592_000);
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(20), 604_800);
            LabNetwork.Prefix.GetAddressBytes().CopyTo(body, 28);
            // Source link-layer address option (type 1, 8 bytes).
            body[44] = 1;
            body[45] = 1;
            LabNetwork.GatewayMac.GetAddressBytes().CopyTo(body, 46);
            _recorder.Add(t, _recorder.Frames.Icmpv6(router, allNodes, 134, 0, body));
        }
    }

    /// <summary>One device: joins (DHCP, RADIUS, DAD), then visits sites until the end.</summary>
    private void HostDay(LabHost host)
    {
        var t = At(0.15 * _random.NextDouble());
        t = Dhcp(host, t);
        if (host.Wireless)
            Radius(host, t + 5_000_000, RadiusPayload.AcctStart);
        if (host.V6 is { } v6)
            DuplicateAddressDetection(host, v6, t + 2_000_000);
        while (t < _end)
        {
            t += 2_000_000_000 + Jitter(18_000_000_000);
            if (t >= _end)
                break;
            t = Visit(host, Pick(), t);
        }
        if (host.Wireless)
            Radius(host, At(0.9) + Jitter(1_000_000_000), RadiusPayload.AcctInterim);
    }

    private LabSite Pick()
    {
        var total = LabNetwork.Sites.Sum(s => s.Weight);
        var pick = _random.Next(total);
        foreach (var site in LabNetwork.Sites)
            if ((pick -= site.Weight) < 0)
                return site;
        return LabNetwork.Sites[^1];
    }

    private long Dhcp(LabHost host, long t)
    {
        var xid = (uint)_random.NextInt64(uint.MaxValue);
        var client = new Endpoint(host.Mac, IPAddress.Any, 68);
        var clientBroadcast = new Endpoint(Broadcast, IPAddress.Broadcast, 67);
        var server = new Endpoint(LabNetwork.GatewayMac, LabNetwork.GatewayV4, 67);
        var toClient = new Endpoint(Broadcast, IPAddress.Broadcast, 68);
        var frames = _recorder.Frames;
        _recorder.Add(t, frames.Udp(client, clientBroadcast, DhcpPayload.Client(DhcpMessageType.Discover, xid, host.Mac, host.Name, host.V4, LabNetwork.GatewayV4)));
        _recorder.Add(t + 1_200_000, frames.Udp(server, toClient, DhcpPayload.Server(DhcpMessageType.Offer, xid, host.Mac, host.V4, LabNetwork.GatewayV4, LabNetwork.GatewayV4, LabNetwork.ResolverV4, TimeSpan.FromHours(8))));
        _recorder.Add(t + 2_000_000, frames.Udp(client, clientBroadcast, DhcpPayload.Client(DhcpMessageType.Request, xid, host.Mac, host.Name, host.V4, LabNetwork.GatewayV4)));
        _recorder.Add(t + 3_100_000, frames.Udp(server, toClient, DhcpPayload.Server(DhcpMessageType.Ack, xid, host.Mac, host.V4, LabNetwork.GatewayV4, LabNetwork.GatewayV4, LabNetwork.ResolverV4, TimeSpan.FromHours(8))));
        return t + 4_000_000;
    }

    private void Radius(LabHost host, long t, byte statusType)
    {
        var wlc = new Endpoint(LabNetwork.WlcMac, LabNetwork.WlcV4, 32768);
        var server = new Endpoint(LabNetwork.RadiusMac, LabNetwork.RadiusV4, 1813);
        var mac = host.Mac.ToString();
        var calling = string.Join('-', Enumerable.Range(0, 6).Select(i => mac.Substring(i * 2, 2)));
        var ssid = host.User.StartsWith('s') ? "Campus-Student" : "Campus-Staff";
        var request = RadiusPayload.AccountingRequest((byte)_random.Next(256), LabNetwork.RadiusSecret, statusType, host.User,
            LabNetwork.WlcV4, host.V4, calling, $"{host.Name}-{_start / 1_000_000_000:X}", ssid);
        _recorder.Add(t, _recorder.Frames.Udp(wlc, server, request));
        _recorder.Add(t + 800_000, _recorder.Frames.Udp(server, wlc, RadiusPayload.AccountingResponse(request, LabNetwork.RadiusSecret)));
    }

    private void DuplicateAddressDetection(LabHost host, IPAddress v6, long t)
    {
        // Neighbour solicitation from :: to the solicited-node multicast group of the new address.
        var target = v6.GetAddressBytes();
        var group = IPAddress.Parse($"ff02::1:ff{target[13]:x2}:{target[14]:x2}{target[15]:x2}");
        var groupMac = new PhysicalAddress([0x33, 0x33, 0xff, target[13], target[14], target[15]]);
        var body = new byte[20];
        target.CopyTo(body, 4);
        _recorder.Add(t, _recorder.Frames.Icmpv6(new Endpoint(host.Mac, IPAddress.IPv6Any, 0), new Endpoint(groupMac, group, 0), 135, 0, body));
    }

    /// <summary>DNS for the site (A, and AAAA on dual-stack hosts), then TLS to it over IPv6 when both ends can.</summary>
    private long Visit(LabHost host, LabSite site, long t)
    {
        t = Resolve(host, site, t);
        var useV6 = host.V6 is not null && site.V6 is not null;
        var client = useV6
            ? new Endpoint(host.Mac, host.V6!, (ushort)_random.Next(49152, 65535))
            : new Endpoint(host.Mac, host.V4, (ushort)_random.Next(49152, 65535));
        var server = new Endpoint(LabNetwork.GatewayMac, useV6 ? site.V6! : site.V4, 443);
        var conversation = new TcpConversation(_recorder, client, server, t, _random, rttMillis: 8 + _random.Next(30),
            megabitsPerSecond: 20 + _random.Next(200)).Open();
        var hello = TlsPayload.ClientHello(_random, site.Name, "h2", "http/1.1");
        conversation.ClientSends(hello).ServerSends(TlsPayload.ServerHello(_random, hello));
        conversation.ClientSends(TlsPayload.ApplicationData(_random, 600 + _random.Next(1500)));
        conversation.ServerSends(TlsPayload.ApplicationData(_random, 1024 * _random.Next(site.MinKilobytes, site.MaxKilobytes)));
        conversation.Close();
        _webSessions++;
        return conversation.Now;
    }

    private long Resolve(LabHost host, LabSite site, long t)
    {
        var client = new Endpoint(host.Mac, host.V4, (ushort)_random.Next(49152, 65535));
        var resolver = new Endpoint(LabNetwork.ResolverMac, LabNetwork.ResolverV4, 53);
        var frames = _recorder.Frames;
        var id = _dnsId++;
        _recorder.Add(t, frames.Udp(client, resolver, DnsPayload.Query(id, site.Name, DnsPayload.TypeA)));
        _recorder.Add(t + 1_500_000, frames.Udp(resolver, client, DnsPayload.Response(id, site.Name, DnsPayload.TypeA, [site.V4])));
        _dnsQueries++;
        if (host.V6 is null)
            return t + 2_000_000;
        id = _dnsId++;
        _recorder.Add(t + 100_000, frames.Udp(client, resolver, DnsPayload.Query(id, site.Name, DnsPayload.TypeAaaa)));
        _recorder.Add(t + 1_700_000, frames.Udp(resolver, client,
            DnsPayload.Response(id, site.Name, DnsPayload.TypeAaaa, site.V6 is { } v6 ? [v6] : [])));
        _dnsQueries++;
        return t + 2_000_000;
    }

    /// <summary>The NMS polls the access switch's interface counters every 10 s with a v2c community.</summary>
    private void SnmpPolling()
    {
        var nms = new Endpoint(LabNetwork.NmsMac, LabNetwork.NmsV4, 41000);
        var agent = new Endpoint(LabNetwork.SwitchMac, LabNetwork.SwitchV4, 161);
        var community = System.Text.Encoding.ASCII.GetBytes(LabNetwork.SnmpCommunity);
        var requestId = 7000;
        for (var t = At(0.01); t < _end; t += 10_000_000_000L)
        {
            var oids = new[] { ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0"), ObjectIdentifier.Parse("1.3.6.1.2.1.31.1.1.1.6.1") };
            var request = new SnmpMessage(SnmpVersion.V2c, community, SnmpPdu.Request(PduType.GetRequest, requestId, oids));
            var response = new SnmpMessage(SnmpVersion.V2c, community, new SnmpPdu(PduType.Response, requestId, 0, 0,
            [
                new VarBind(oids[0], SnmpValue.Unsigned32(SnmpType.TimeTicks, (uint)((t - _start) / 10_000_000) + 8_640_000)),
                new VarBind(oids[1], SnmpValue.Counter64((ulong)(t - _start) / 1000 + 123_456_789)),
            ]));
            _recorder.Add(t, _recorder.Frames.Udp(nms, agent, SnmpCodec.Encode(request)));
            _recorder.Add(t + 2_500_000, _recorder.Frames.Udp(agent, nms, SnmpCodec.Encode(response)));
            requestId++;
        }
    }

    /// <summary>A teacher logs in to the access switch with Telnet (user name and password in clear).</summary>
    private void TelnetLogin(LabHost admin)
    {
        var client = new Endpoint(admin.Mac, admin.V4, 52323);
        var server = new Endpoint(LabNetwork.SwitchMac, LabNetwork.SwitchV4, 23);
        var session = new TcpConversation(_recorder, client, server, At(0.5), _random, rttMillis: 1).Open();
        session.ServerSends(TelnetPayload.ServerNegotiation()).ClientSends(TelnetPayload.ClientNegotiation())
            .Wait(1_500_000_000).ClientSends(TelnetPayload.Ascii("admin\r\n"))
            .ServerSends(TelnetPayload.Ascii("Password:")).Wait(2_000_000_000).ClientSends(TelnetPayload.Ascii("Lab@2026\r\n"))
            .ServerSends(TelnetPayload.Ascii("\r\nlab-access-1>")).Wait(1_000_000_000).ClientSends(TelnetPayload.Ascii("display interface brief\r\n"))
            .ServerSends(TelnetPayload.Ascii("Interface  PHY  Protocol InUti OutUti inErrors outErrors\r\nGE0/0/1  up  up  0.01%  0.02%  0  0\r\nlab-access-1>"))
            .Wait(3_000_000_000).ClientSends(TelnetPayload.Ascii("quit\r\n")).Close();
    }

    /// <summary>A Windows update fetched over plain HTTP from the update mirror.</summary>
    private void UpdateDownload(LabHost host)
    {
        var t = Resolve(host, LabNetwork.UpdateServer, At(0.3 + 0.5 * _random.NextDouble()));
        var client = new Endpoint(host.Mac, host.V4, (ushort)_random.Next(49152, 65535));
        var server = new Endpoint(LabNetwork.GatewayMac, LabNetwork.UpdateServer.V4, 80);
        var body = new byte[1024 * _random.Next(200, 800)];
        _random.NextBytes(body);
        new TcpConversation(_recorder, client, server, t, _random, rttMillis: 12, megabitsPerSecond: 100).Open()
            .ClientSends(HttpPayload.Get(LabNetwork.UpdateServer.Name, "/pkg/windows10.0-kb5046613-x64.cab", "Microsoft-Delivery-Optimization/10.0"))
            .ServerSends(HttpPayload.Ok("application/vnd.ms-cab-compressed", body))
            .Close();
    }

    /// <summary>A teacher opens the staff-room printer's admin page with HTTP Basic credentials in clear.</summary>
    private void PrinterAdmin(LabHost teacher)
    {
        var client = new Endpoint(teacher.Mac, teacher.V4, 51515);
        var printer = new Endpoint(LabNetwork.PrinterMac, LabNetwork.PrinterV4, 80);
        var page = System.Text.Encoding.UTF8.GetBytes("<html><head><title>打印机管理</title></head><body>Toner 42%</body></html>");
        new TcpConversation(_recorder, client, printer, At(0.4), _random, rttMillis: 1).Open()
            .ClientSends(HttpPayload.Get(LabNetwork.PrinterV4.ToString(), "/status.html", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0",
                "Basic " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("admin:printer123"))))
            .ServerSends(HttpPayload.Ok("text/html; charset=utf-8", page))
            .Close();
    }

    /// <summary>One student PC mining Monero: DNS for the pool, then XMRig's login, jobs, shares and keep-alives.</summary>
    private void Miner(LabHost host)
    {
        var t = Resolve(host, LabNetwork.Pool, At(0.2));
        var client = new Endpoint(host.Mac, host.V4, 50066);
        var pool = new Endpoint(LabNetwork.GatewayMac, LabNetwork.Pool.V4, 3333);
        var session = new TcpConversation(_recorder, client, pool, t, _random, rttMillis: 45).Open();
        session.ClientSends(XmrigPayload.Login()).ServerSends(XmrigPayload.LoginResult(_random));
        var shares = 2;
        while (session.Now < At(0.95))
        {
            session.Wait(4_000_000_000 + Jitter(6_000_000_000));
            if (_random.Next(3) == 0)
                session.ServerSends(XmrigPayload.Job(_random));
            else
                session.ClientSends(XmrigPayload.Submit(_random, shares, "lab")).ServerSends(XmrigPayload.SubmitResult(shares));
            shares++;
        }
        session.ClientSends(XmrigPayload.KeepAlive(shares, "lab")).ServerSends(XmrigPayload.SubmitResult(shares)).Close();
    }
}
