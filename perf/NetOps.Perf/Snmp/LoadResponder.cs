using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetOps.Snmp;
using NetOps.Snmp.Ber;

namespace NetOps.Perf.Snmp;

/// <summary>
/// A fast SNMP v1/v2c agent for load tests only — never part of the appliance. One UDP socket on
/// 127.0.0.1 serves <c>devices</c> simulated 48-port switches (<see cref="SimulatedSwitch"/>),
/// told apart by community as snmpsimd does: community <c>sw-0001</c> is device 1. A request with
/// any other community gets no answer, like a real agent. Get, GetNext and GetBulk are answered
/// per RFC 3416 with NetOps's own BER codec. Run as its own process (<c>NetOps.Perf responder</c>)
/// so its CPU is not counted as the poller's.
/// </summary>
public sealed class LoadResponder(Socket socket, int devices)
{
    // A GetBulk answer is cut to this many varbinds so it stays inside one UDP datagram.
    private const int MaxVarBindsPerResponse = 1000;
    private static readonly IReadOnlyList<SimulatedSwitch.Entry> Mib = SimulatedSwitch.Entries;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests, _varBinds, _malformed, _unknownCommunity;

    public string Statistics =>
        string.Create(CultureInfo.InvariantCulture, $"requests {Interlocked.Read(ref _requests)} varbinds {Interlocked.Read(ref _varBinds)} malformed {Interlocked.Read(ref _malformed)} unknown-community {Interlocked.Read(ref _unknownCommunity)}");

    /// <summary><c>NetOps.Perf responder --devices N [--port P] [--threads T]</c>: prints <c>ready PORT</c>, then answers until stdin closes; <c>stats</c> on stdin prints the counters.</summary>
    public static int Run(string[] args)
    {
        var devices = IntOption(args, "--devices", 1000);
        var port = IntOption(args, "--port", 0);
        var threads = IntOption(args, "--threads", 1);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20, SendBufferSize = 4 << 20 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        var responder = new LoadResponder(socket, devices);
        for (var i = 0; i < threads; i++)
            new Thread(responder.Serve) { IsBackground = true, Name = $"responder-{i}" }.Start();
        Console.Out.WriteLine($"ready {((IPEndPoint)socket.LocalEndPoint!).Port}");
        Console.Out.Flush();
        while (Console.In.ReadLine() is { } line)
        {
            if (line.Trim() == "stats")
            {
                Console.Out.WriteLine(responder.Statistics);
                Console.Out.Flush();
            }
        }
        return 0;
    }

    private void Serve()
    {
        var buffer = new byte[65536];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (true)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            var answer = Answer(buffer.AsSpan(0, length));
            if (answer is not null)
                socket.SendTo(answer, SocketFlags.None, from);
        }
    }

    /// <summary>The encoded response to one datagram, or null when it gets none (malformed, unknown community, not a request).</summary>
    public byte[]? Answer(ReadOnlySpan<byte> datagram)
    {
        if (!SnmpCodec.TryDecode(datagram, out var message, out _, out _))
        {
            Interlocked.Increment(ref _malformed);
            return null;
        }
        var device = Device(message!.Community);
        if (device < 0)
        {
            Interlocked.Increment(ref _unknownCommunity);
            return null;
        }
        var request = message.Pdu;
        var seconds = _clock.Elapsed.TotalSeconds;
        var response = request.Type switch
        {
            PduType.GetRequest => Get(request, device, seconds, message.Version),
            PduType.GetNextRequest => GetNext(request, device, seconds, message.Version),
            PduType.GetBulkRequest when message.Version != SnmpVersion.V1 => GetBulk(request, device, seconds),
            _ => null,
        };
        if (response is null)
        {
            Interlocked.Increment(ref _malformed);
            return null;
        }
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _varBinds, response.VarBinds.Count);
        return SnmpCodec.Encode(new SnmpMessage(message.Version, message.Community, response));
    }

    /// <summary>Community <c>sw-NNNN</c> → NNNN when that device exists, else -1.</summary>
    private int Device(byte[] community)
    {
        var text = community.AsSpan();
        if (text.Length < 4 || !text.StartsWith("sw-"u8))
            return -1;
        var number = 0;
        foreach (var b in text[3..])
        {
            if (b is < (byte)'0' or > (byte)'9' || number > devices)
                return -1;
            number = number * 10 + (b - '0');
        }
        return number >= 1 && number <= devices ? number : -1;
    }

    private static SnmpPdu Get(SnmpPdu request, int device, double seconds, SnmpVersion version)
    {
        var answers = new List<VarBind>(request.VarBinds.Count);
        for (var i = 0; i < request.VarBinds.Count; i++)
        {
            var oid = request.VarBinds[i].Oid;
            var at = Find(oid);
            if (at >= 0)
                answers.Add(new VarBind(oid, SimulatedSwitch.Value(Mib[at], device, seconds)));
            else if (version == SnmpVersion.V1)
                return Error(request, SnmpError.NoSuchName, i + 1);
            else
                answers.Add(new VarBind(oid, SnmpValue.Of(SnmpType.NoSuchObject)));
        }
        return Response(request, answers);
    }

    private static SnmpPdu GetNext(SnmpPdu request, int device, double seconds, SnmpVersion version)
    {
        var answers = new List<VarBind>(request.VarBinds.Count);
        for (var i = 0; i < request.VarBinds.Count; i++)
        {
            var next = After(request.VarBinds[i].Oid);
            if (next < Mib.Count)
                answers.Add(new VarBind(Mib[next].Oid, SimulatedSwitch.Value(Mib[next], device, seconds)));
            else if (version == SnmpVersion.V1)
                return Error(request, SnmpError.NoSuchName, i + 1);
            else
                answers.Add(new VarBind(request.VarBinds[i].Oid, SnmpValue.Of(SnmpType.EndOfMibView)));
        }
        return Response(request, answers);
    }

    /// <summary>RFC 3416 4.2.3: GetNext for the non-repeaters, then up to max-repetitions rounds over the repeaters.</summary>
    private static SnmpPdu GetBulk(SnmpPdu request, int device, double seconds)
    {
        var count = request.VarBinds.Count;
        var nonRepeaters = Math.Clamp(request.ErrorStatus, 0, count);
        var repeaters = count - nonRepeaters;
        var maxRepetitions = Math.Max(0, request.ErrorIndex);
        var answers = new List<VarBind>(nonRepeaters + Math.Min(MaxVarBindsPerResponse, repeaters * maxRepetitions));
        for (var i = 0; i < nonRepeaters; i++)
            answers.Add(NextOrEnd(request.VarBinds[i].Oid, device, seconds));
        if (repeaters == 0)
            return Response(request, answers);
        var cursors = new int[repeaters];
        for (var j = 0; j < repeaters; j++)
            cursors[j] = After(request.VarBinds[nonRepeaters + j].Oid);
        for (var round = 0; round < maxRepetitions && answers.Count + repeaters <= MaxVarBindsPerResponse; round++)
        {
            var allEnded = true;
            for (var j = 0; j < repeaters; j++)
            {
                var at = cursors[j];
                if (at < Mib.Count)
                {
                    answers.Add(new VarBind(Mib[at].Oid, SimulatedSwitch.Value(Mib[at], device, seconds)));
                    cursors[j] = at + 1;
                    allEnded = false;
                }
                else
                {
                    var last = round == 0 ? request.VarBinds[nonRepeaters + j].Oid : Mib[^1].Oid;
                    answers.Add(new VarBind(last, SnmpValue.Of(SnmpType.EndOfMibView)));
                }
            }
            if (allEnded)
                break;
        }
        return Response(request, answers);
    }

    private static VarBind NextOrEnd(ObjectIdentifier oid, int device, double seconds)
    {
        var next = After(oid);
        return next < Mib.Count ? new VarBind(Mib[next].Oid, SimulatedSwitch.Value(Mib[next], device, seconds)) : new VarBind(oid, SnmpValue.Of(SnmpType.EndOfMibView));
    }

    /// <summary>The index of exactly <paramref name="oid"/>, or -1.</summary>
    private static int Find(ObjectIdentifier oid)
    {
        var at = LowerBound(oid);
        return at < Mib.Count && Mib[at].Oid.Equals(oid) ? at : -1;
    }

    /// <summary>The index of the first OID after <paramref name="oid"/> (Mib.Count when there is none).</summary>
    private static int After(ObjectIdentifier oid)
    {
        var at = LowerBound(oid);
        return at < Mib.Count && Mib[at].Oid.Equals(oid) ? at + 1 : at;
    }

    private static int LowerBound(ObjectIdentifier oid)
    {
        int low = 0, high = Mib.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Mib[middle].Oid.CompareTo(oid) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private static SnmpPdu Response(SnmpPdu request, List<VarBind> answers) => new(PduType.Response, request.RequestId, 0, 0, answers);

    private static SnmpPdu Error(SnmpPdu request, SnmpError error, int index) =>
        new(PduType.Response, request.RequestId, (int)error, index, request.VarBinds);

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
