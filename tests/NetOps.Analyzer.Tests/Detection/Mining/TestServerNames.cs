using System.Buffers.Binary;
using System.Text;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Tests.Mining;

/// <summary>
/// The tests' own small <see cref="IServerNames"/> (the appdetect detectors are the product's): the
/// SNI of a TLS ClientHello or the Host of an HTTP request in a flow's first client payload.
/// </summary>
public sealed class TestServerNames : IPayloadInspector, IServerNames
{
    private readonly Dictionary<ulong, string> _names = [];
    private readonly Dictionary<IpAddress, string> _resolved = [];

    /// <summary>A name as if a DNS answer had resolved it to <paramref name="server"/> shortly before.</summary>
    public void Resolve(string server, string name) => _resolved[IpAddress.Parse(server)] = name;

    public string Name => "test-names";

    public FlowInterest Inspect(in PayloadContext context, ReadOnlySpan<byte> payload)
    {
        if (!context.FromClient || context.PayloadPacketInDirection != 1)
            return FlowInterest.Packets;
        var name = SniOrNull(payload) ?? Host(payload) ?? _resolved.GetValueOrDefault(context.Server);
        if (name is not null)
            _names[context.FlowId] = name;
        return FlowInterest.End;
    }

    public bool TryGetServerName(ulong flowId, out string serverName) => _names.TryGetValue(flowId, out serverName!);

    // A ClientHello cut by the segment's end has no readable name here.
    private static string? SniOrNull(ReadOnlySpan<byte> record)
    {
        try
        {
            return Sni(record);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
        catch (IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static string? Sni(ReadOnlySpan<byte> record)
    {
        if (record.Length < 43 || record[0] != 0x16 || record[5] != 1)
            return null;
        var hello = record[9..];
        var at = 2 + 32;
        at += 1 + hello[at];
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[at..]);
        at += 1 + hello[at];
        var end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[at..]);
        for (at += 2; at + 4 <= end && at + 4 <= hello.Length;)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(hello[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(hello[(at + 2)..]);
            if (type == 0)
            {
                var nameLength = BinaryPrimitives.ReadUInt16BigEndian(hello[(at + 7)..]);
                return Encoding.ASCII.GetString(hello.Slice(at + 9, nameLength));
            }
            at += 4 + length;
        }
        return null;
    }

    private static string? Host(ReadOnlySpan<byte> request)
    {
        var text = Encoding.ASCII.GetString(request[..Math.Min(request.Length, 2048)]);
        var start = text.IndexOf("\r\nHost: ", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
            return null;
        start += 8;
        var end = text.IndexOf("\r\n", start, StringComparison.Ordinal);
        return end < 0 ? null : text[start..end].Split(':')[0];
    }
}
