using NetOps.Snmp.Ber;

namespace NetOps.Snmp.Tests;

/// <summary>Hostile datagrams: the decoder answers false with a reason and never throws or hangs.</summary>
public sealed class SnmpFuzzTests
{
    private static byte[] Seed()
    {
        var vbs = new List<VarBind>
        {
            new(ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0"), SnmpValue.Octets(SnmpType.OctetString, "Huawei S5735 Versatile Routing Platform"u8.ToArray())),
            new(ObjectIdentifier.Parse("1.3.6.1.2.1.31.1.1.1.6.10"), SnmpValue.Counter64(123456789012345)),
            new(ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1.8.10"), SnmpValue.Integer(1)),
            new(ObjectIdentifier.Parse("1.3.6.1.2.1.4.20.1.1.10.0.0.1"), SnmpValue.Octets(SnmpType.IpAddress, [10, 0, 0, 1])),
            new(ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.Unsigned32(SnmpType.TimeTicks, 99999)),
            new(ObjectIdentifier.Parse("1.3.6.1.2.1.1.2.0"), SnmpValue.Identifier(ObjectIdentifier.Parse("1.3.6.1.4.1.2011.2.23.1"))),
        };
        return SnmpCodec.Encode(new SnmpMessage(SnmpVersion.V2c, "public"u8.ToArray(), new SnmpPdu(PduType.Response, 42, 0, 0, vbs)));
    }

    [Fact]
    public void TenThousandMutationsOfARealResponseNeverThrow()
    {
        var seed = Seed();
        var random = new Random(20261122);
        var decoded = 0;
        var refused = new Dictionary<MalformedReason, int>();
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = Mutate(seed, random);
            if (SnmpCodec.TryDecode(bytes, out _, out var reason, out _))
                decoded++;
            else
                refused[reason] = refused.GetValueOrDefault(reason) + 1;
        }
        Assert.True(refused.Count >= 4, "mutations should hit several kinds of damage: " + string.Join(", ", refused));
        Assert.True(decoded > 0 && refused.Values.Sum() > 5_000);
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 2)
                bytes[0] = 0x30; // make it look like a message more often
            SnmpCodec.TryDecode(bytes, out _, out _, out _);
        }
    }

    [Fact]
    public void HugeLengthsAndDeepNestingAreRefused()
    {
        Assert.False(SnmpCodec.TryDecode(Convert.FromHexString("3084FFFFFFFF020101"), out _, out var huge, out _));
        Assert.Equal(MalformedReason.BadLength, huge);

        // 5,000 nested indefinite-length sequences, never closed.
        var deep = Enumerable.Repeat(new byte[] { 0x30, 0x80 }, 5_000).SelectMany(b => b).ToArray();
        Assert.False(SnmpCodec.TryDecode(deep, out _, out _, out _));
        // ...and closed, wrapping nothing an SNMP message can be.
        var closed = deep.Concat(Enumerable.Repeat((byte)0, 10_000)).ToArray();
        Assert.False(SnmpCodec.TryDecode(closed, out _, out _, out _));
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(5))
            {
                case 0:
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes = bytes.Take(random.Next(1, bytes.Count + 1)).ToList();
                    break;
                case 3:
                    bytes.Insert(random.Next(bytes.Count), (byte)random.Next(256));
                    break;
                default:
                    // A length byte made huge or long-form.
                    if (bytes.Count > 1)
                        bytes[random.Next(1, bytes.Count)] = (byte)(0x80 | random.Next(1, 5));
                    break;
            }
            if (bytes.Count == 0)
                bytes.Add(0x30);
        }
        return [.. bytes];
    }
}
