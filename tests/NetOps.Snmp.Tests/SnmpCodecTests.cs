using NetOps.Snmp.Ber;

namespace NetOps.Snmp.Tests;

public sealed class SnmpCodecTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Fact]
    public void AGetRequestIsByteForByteWhatNetSnmpSends()
    {
        // snmpget -v2c -c public HOST 1.3.6.1.2.1.1.1.0 with request-id 0x12345678
        var expected = Hex("30 29 02 01 01 04 06 70 75 62 6c 69 63 a0 1c 02 04 12 34 56 78 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00");
        var ours = SnmpCodec.Encode(new SnmpMessage(SnmpVersion.V2c, "public"u8.ToArray(),
            SnmpPdu.Request(PduType.GetRequest, 0x12345678, [ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0")])));
        Assert.Equal(expected, ours);
    }

    [Fact]
    public void EveryValueTypeRoundTrips()
    {
        var values = new[]
        {
            SnmpValue.Integer(-5), SnmpValue.Integer(int.MaxValue), SnmpValue.Octets(SnmpType.OctetString, "GigabitEthernet1/0/1"u8.ToArray()),
            SnmpValue.Of(SnmpType.Null), SnmpValue.Identifier(ObjectIdentifier.Parse("1.3.6.1.4.1.2011.2.23.1")),
            SnmpValue.Octets(SnmpType.IpAddress, [10, 1, 2, 3]), SnmpValue.Unsigned32(SnmpType.Counter32, uint.MaxValue),
            SnmpValue.Unsigned32(SnmpType.Gauge32, 1_000_000_000), SnmpValue.Unsigned32(SnmpType.TimeTicks, 123456),
            SnmpValue.Octets(SnmpType.Opaque, [0x9f, 0x78, 0x04, 0x3f, 0x80, 0, 0]), SnmpValue.Counter64(ulong.MaxValue),
            SnmpValue.Of(SnmpType.NoSuchObject), SnmpValue.Of(SnmpType.NoSuchInstance), SnmpValue.Of(SnmpType.EndOfMibView),
        };
        var pdu = new SnmpPdu(PduType.Response, 7, 0, 0, values.Select((v, i) => new VarBind(ObjectIdentifier.Parse($"1.3.6.1.9.{i}"), v)).ToList());
        var bytes = SnmpCodec.Encode(new SnmpMessage(SnmpVersion.V2c, "c"u8.ToArray(), pdu));
        Assert.True(SnmpCodec.TryDecode(bytes, out var decoded, out var reason, out var detail), $"{reason}: {detail}");
        for (var i = 0; i < values.Length; i++)
        {
            var got = decoded!.Pdu.VarBinds[i].Value;
            Assert.Equal(values[i].Type, got.Type);
            Assert.Equal(values[i].Number, got.Number);
            Assert.Equal(values[i].Bytes, got.Bytes);
            Assert.Equal(values[i].Oid, got.Oid);
        }
    }

    [Theory]
    [InlineData("02 00", 0L)]                    // empty INTEGER
    [InlineData("02 03 00 00 05", 5L)]           // redundant leading zeros
    [InlineData("02 02 ff ff", -1L)]             // redundant leading 0xFF
    public void IntegersAreReadLikeNetSnmpReadsThem(string valueHex, long expected) =>
        Assert.Equal((SnmpType.Integer32, expected), Decode(valueHex));

    [Theory]
    [InlineData("41 04 ff ff ff ff", 4294967295L)]   // Counter32 without its leading zero byte
    [InlineData("42 05 00 ff ff ff ff", 4294967295L)] // Gauge32 with it
    [InlineData("46 08 ff ff ff ff ff ff ff ff", -1L)] // Counter64 max, as bit pattern
    public void UnsignedCountersAreReadWithOrWithoutTheirLeadingZero(string valueHex, long expectedBits) =>
        Assert.Equal(expectedBits, Decode(valueHex).Number);

    [Fact]
    public void OidArcsPaddedWith0x80AreRead()
    {
        var bytes = Message("06 04 2b 80 80 06");
        Assert.True(SnmpCodec.TryDecode(bytes, out var message, out _, out _));
        Assert.Equal("1.3.6", message!.Pdu.VarBinds[0].Value.Oid!.ToString());
    }

    [Fact]
    public void AV1TrapBecomesTheV2Form()
    {
        // What net-snmp 5.9 sends for: snmptrap -v1 -c public HOST 1.3.6.1.4.1.8072 10.0.0.1 3 0 1234 (linkUp)
        var trap = Hex("30 28 02 01 00 04 06 70 75 62 6c 69 63 a4 1b 06 07 2b 06 01 04 01 bf 08 40 04 0a 00 00 01 02 01 03 02 01 00 43 02 04 d2 30 00");
        Assert.True(SnmpCodec.TryDecode(trap, out var message, out var reason, out var detail), $"{reason} {detail}");
        var vbs = message!.Pdu.VarBinds;
        Assert.Equal("1.3.6.1.2.1.1.3.0", vbs[0].Oid.ToString());
        Assert.Equal(1234UL, vbs[0].Value.Unsigned);
        Assert.Equal("1.3.6.1.6.3.1.1.5.4", vbs[1].Value.Oid!.ToString()); // linkUp
        Assert.Contains(vbs, v => v.Value.Type == SnmpType.IpAddress && v.Value.ToString() == "10.0.0.1");
    }

    [Theory]
    [InlineData("", MalformedReason.Truncated)]
    [InlineData("30 05 02 01 01", MalformedReason.BadLength)]
    [InlineData("30 03 02 01 03", MalformedReason.UnsupportedVersion)]
    [InlineData("31 00", MalformedReason.UnexpectedTag)]
    [InlineData("30 00 00", MalformedReason.TrailingData)]
    public void MalformedDatagramsSayWhy(string hex, MalformedReason expected)
    {
        Assert.False(SnmpCodec.TryDecode(Hex(hex), out _, out var reason, out _));
        Assert.Equal(expected, reason);
    }

    private static (SnmpType Type, long Number) Decode(string valueHex)
    {
        Assert.True(SnmpCodec.TryDecode(Message(valueHex), out var message, out var reason, out var detail), $"{reason}: {detail}");
        var value = message!.Pdu.VarBinds[0].Value;
        return (value.Type, value.Number);
    }

    /// <summary>A v2c Response with one varbind (1.3.6.1) holding the given encoded value.</summary>
    private static byte[] Message(string valueHex)
    {
        var value = Hex(valueHex);
        byte[] varbind = [0x30, (byte)(5 + value.Length), 0x06, 0x03, 0x2b, 0x06, 0x01, .. value];
        byte[] list = [0x30, (byte)varbind.Length, .. varbind];
        byte[] pdu = [0xa2, (byte)(9 + list.Length), 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, .. list];
        byte[] body = [0x02, 0x01, 0x01, 0x04, 0x01, 0x63, .. pdu];
        return [0x30, (byte)body.Length, .. body];
    }
}
