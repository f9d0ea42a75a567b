using System.Net;

namespace NetOps.Appliance.Lab.Traffic.Payloads;

/// <summary>DNS queries and answers (RFC 1035; AAAA RFC 3596) as a campus resolver exchanges them.</summary>
internal static class DnsPayload
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;

    public static byte[] Query(ushort id, string name, ushort type) => Message(id, 0x0100, name, type, []);

    /// <summary>An answer for <paramref name="name"/>; no addresses means NOERROR with an empty answer section.</summary>
    public static byte[] Response(ushort id, string name, ushort type, IReadOnlyList<IPAddress> addresses, uint ttl = 300) =>
        Message(id, 0x8180, name, type, addresses, ttl);

    private static byte[] Message(ushort id, ushort flags, string name, ushort type, IReadOnlyList<IPAddress> answers, uint ttl = 0)
    {
        var buffer = new List<byte>(128);
        void Add16(ushort value)
        {
            buffer.Add((byte)(value >> 8));
            buffer.Add((byte)value);
        }
        Add16(id);
        Add16(flags);
        Add16(1);
        Add16((ushort)answers.Count);
        Add16(0);
        Add16(0);
        foreach (var label in name.Split('.'))
        {
            buffer.Add((byte)label.Length);
            buffer.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        buffer.Add(0);
        Add16(type);
        Add16(1);
        foreach (var address in answers)
        {
            Add16(0xc00c); // pointer to the question's name
            Add16(type);
            Add16(1);
            Add16((ushort)(ttl >> 16));
            Add16((ushort)ttl);
            var bytes = address.GetAddressBytes();
            Add16((ushort)bytes.Length);
            buffer.AddRange(bytes);
        }
        return [.. buffer];
    }
}
