using System.Globalization;
using System.Net;
using System.Text;

namespace NetOps.Snmp;

public enum SnmpType
{
    Integer32,
    OctetString,
    Null,
    ObjectIdentifier,
    IpAddress,
    Counter32,
    Gauge32,
    TimeTicks,
    Opaque,
    Counter64,
    NoSuchObject,
    NoSuchInstance,
    EndOfMibView,
}

/// <summary>One typed SNMP value as a device sent it.</summary>
public sealed class SnmpValue
{
    private SnmpValue(SnmpType type, long number, byte[]? bytes, ObjectIdentifier? oid)
    {
        Type = type;
        Number = number;
        Bytes = bytes;
        Oid = oid;
    }

    public SnmpType Type { get; }

    /// <summary>The integer of Integer32, Counter32, Gauge32, TimeTicks; Counter64 as its bit pattern (see <see cref="Unsigned"/>).</summary>
    public long Number { get; }
    public byte[]? Bytes { get; }
    public ObjectIdentifier? Oid { get; }

    public ulong Unsigned => unchecked((ulong)Number);
    public bool IsException => Type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView;

    public static SnmpValue Integer(long value) => new(SnmpType.Integer32, value, null, null);
    public static SnmpValue Unsigned32(SnmpType type, uint value) => new(type, value, null, null);
    public static SnmpValue Counter64(ulong value) => new(SnmpType.Counter64, unchecked((long)value), null, null);
    public static SnmpValue Octets(SnmpType type, byte[] value) => new(type, 0, value, null);
    public static SnmpValue Identifier(ObjectIdentifier value) => new(SnmpType.ObjectIdentifier, 0, null, value);
    public static SnmpValue Of(SnmpType type) => new(type, 0, null, null);

    /// <summary>An octet string as text: UTF-8 when it is valid text, else hex like net-snmp's Hex-STRING.</summary>
    public string Text
    {
        get
        {
            if (Bytes is null)
                return ToString();
            var trimmed = Bytes.AsSpan().TrimEnd((byte)0);
            if (Utf8.IsValid(trimmed) && !trimmed.ContainsAnyInRange((byte)0, (byte)8))
                return Encoding.UTF8.GetString(trimmed);
            return Convert.ToHexString(Bytes);
        }
    }

    public override string ToString() => Type switch
    {
        SnmpType.Integer32 => Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64 => Unsigned.ToString(CultureInfo.InvariantCulture),
        SnmpType.IpAddress when Bytes is { Length: 4 } => new IPAddress(Bytes).ToString(),
        SnmpType.OctetString or SnmpType.Opaque or SnmpType.IpAddress => Text,
        SnmpType.ObjectIdentifier => Oid!.ToString(),
        _ => Type.ToString(),
    };

    private static class Utf8
    {
        public static bool IsValid(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);
    }
}

public sealed record VarBind(ObjectIdentifier Oid, SnmpValue Value)
{
    public override string ToString() => $"{Oid} = {Value.Type}: {Value}";
}
