using System.Formats.Asn1;

namespace NetOps.Snmp.Ber;

/// <summary>Encodes and decodes community-based SNMP messages (v1 and v2c).</summary>
public static class SnmpCodec
{
    public static byte[] Encode(SnmpMessage message)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteInteger((long)message.Version);
            writer.WriteOctetString(message.Community);
            WritePdu(writer, message.Pdu);
        }
        return writer.Encode();
    }

    internal static void WritePdu(AsnWriter writer, SnmpPdu pdu)
    {
        using (writer.PushSequence(SnmpTags.Pdu(pdu.Type)))
        {
            writer.WriteInteger(pdu.RequestId);
            writer.WriteInteger(pdu.ErrorStatus);
            writer.WriteInteger(pdu.ErrorIndex);
            using (writer.PushSequence())
            {
                foreach (var vb in pdu.VarBinds)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(vb.Oid.ToString());
                        WriteValue(writer, vb.Value);
                    }
                }
            }
        }
    }

    private static void WriteValue(AsnWriter writer, SnmpValue value)
    {
        switch (value.Type)
        {
            case SnmpType.Null: writer.WriteNull(); break;
            case SnmpType.Integer32: writer.WriteInteger(value.Number); break;
            case SnmpType.OctetString: writer.WriteOctetString(value.Bytes); break;
            case SnmpType.ObjectIdentifier: writer.WriteObjectIdentifier(value.Oid!.ToString()); break;
            case SnmpType.IpAddress: writer.WriteOctetString(value.Bytes, SnmpTags.IpAddress); break;
            case SnmpType.Opaque: writer.WriteOctetString(value.Bytes, SnmpTags.Opaque); break;
            case SnmpType.Counter32: writer.WriteInteger((long)value.Unsigned, SnmpTags.Counter32); break;
            case SnmpType.Gauge32: writer.WriteInteger((long)value.Unsigned, SnmpTags.Gauge32); break;
            case SnmpType.TimeTicks: writer.WriteInteger((long)value.Unsigned, SnmpTags.TimeTicks); break;
            case SnmpType.Counter64: writer.WriteIntegerUnsigned(BigEndian(value.Unsigned), SnmpTags.Counter64); break;
            case SnmpType.NoSuchObject: writer.WriteNull(SnmpTags.NoSuchObject); break;
            case SnmpType.NoSuchInstance: writer.WriteNull(SnmpTags.NoSuchInstance); break;
            case SnmpType.EndOfMibView: writer.WriteNull(SnmpTags.EndOfMibView); break;
            default: throw new ArgumentOutOfRangeException(nameof(value), value.Type, "unknown SNMP type");
        }
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        var skip = 0;
        while (skip < 7 && bytes[skip] == 0)
            skip++;
        return bytes[skip..];
    }

    /// <summary>Decodes a v1/v2c message; false with a reason for anything malformed (never throws for bad input).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, out SnmpMessage? message, out MalformedReason reason, out string? detail)
    {
        message = null;
        detail = null;
        try
        {
            var outer = new BerReader(datagram);
            var body = outer.Read(Asn1Tag.Sequence);
            if (outer.HasData)
                throw new SnmpDecodeException(MalformedReason.TrailingData, "bytes after the SNMP message");
            var reader = new BerReader(body);
            var version = reader.ReadInteger();
            if (version is not (0 or 1))
                throw new SnmpDecodeException(MalformedReason.UnsupportedVersion, $"version {version} is not v1 or v2c");
            var community = reader.Read(Asn1Tag.PrimitiveOctetString).ToArray();
            if (!reader.TryRead(out var pduTag, out var pduContent, out var error))
                throw new SnmpDecodeException(error, "no PDU");
            if (pduTag.TagClass != TagClass.ContextSpecific || pduTag.TagValue > 8 || !pduTag.IsConstructed)
                throw new SnmpDecodeException(MalformedReason.UnexpectedTag, $"{pduTag} is not a PDU");
            var type = (PduType)pduTag.TagValue;
            var pdu = type == PduType.TrapV1 ? ReadTrapV1(pduContent) : ReadPdu(type, pduContent);
            message = new SnmpMessage((SnmpVersion)version, community, pdu);
            reason = MalformedReason.None;
            return true;
        }
        catch (SnmpDecodeException e)
        {
            reason = e.Reason;
            detail = e.Message;
            return false;
        }
    }

    internal static SnmpPdu ReadPdu(PduType type, ReadOnlySpan<byte> content)
    {
        var reader = new BerReader(content);
        var requestId = ClampInt(reader.ReadInteger());
        var errorStatus = ClampInt(reader.ReadInteger());
        var errorIndex = ClampInt(reader.ReadInteger());
        var varBinds = ReadVarBinds(reader.Read(Asn1Tag.Sequence));
        return new SnmpPdu(type, requestId, errorStatus, errorIndex, varBinds);
    }

    /// <summary>An SNMPv1 Trap-PDU turned into the v2 form (RFC 3584 section 3.1): sysUpTime.0, snmpTrapOID.0, then the variables.</summary>
    private static SnmpPdu ReadTrapV1(ReadOnlySpan<byte> content)
    {
        var reader = new BerReader(content);
        var enterprise = new ObjectIdentifier(BerReader.ToObjectIdentifier(reader.Read(Asn1Tag.ObjectIdentifier)));
        var agent = reader.Read(SnmpTags.IpAddress).ToArray();
        var generic = reader.ReadInteger();
        var specific = reader.ReadInteger();
        var timestamp = (uint)BerReader.ToUnsigned(reader.Read(SnmpTags.TimeTicks), 32);
        var variables = ReadVarBinds(reader.Read(Asn1Tag.Sequence));
        var trapOid = generic < 6
            ? ObjectIdentifier.Parse("1.3.6.1.6.3.1.1.5").Append((uint)generic + 1)
            : enterprise.Append(0, (uint)specific);
        var list = new List<VarBind>
        {
            new(ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.Unsigned32(SnmpType.TimeTicks, timestamp)),
            new(ObjectIdentifier.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.Identifier(trapOid)),
        };
        list.AddRange(variables);
        list.Add(new VarBind(ObjectIdentifier.Parse("1.3.6.1.6.3.18.1.3.0"), SnmpValue.Octets(SnmpType.IpAddress, agent)));
        list.Add(new VarBind(ObjectIdentifier.Parse("1.3.6.1.6.3.1.1.4.3.0"), SnmpValue.Identifier(enterprise)));
        return new SnmpPdu(PduType.TrapV1, 0, 0, 0, list);
    }

    private static List<VarBind> ReadVarBinds(ReadOnlySpan<byte> content)
    {
        var list = new List<VarBind>();
        var reader = new BerReader(content);
        while (reader.HasData)
        {
            var vb = new BerReader(reader.Read(Asn1Tag.Sequence));
            var oid = new ObjectIdentifier(BerReader.ToObjectIdentifier(vb.Read(Asn1Tag.ObjectIdentifier)));
            if (!vb.TryRead(out var tag, out var value, out var error))
                throw new SnmpDecodeException(error, $"no value for {oid}");
            list.Add(new VarBind(oid, ReadValue(tag, value)));
        }
        return list;
    }

    private static SnmpValue ReadValue(Asn1Tag tag, ReadOnlySpan<byte> content)
    {
        if (tag.IsConstructed)
            throw new SnmpDecodeException(MalformedReason.BadValue, $"constructed {tag} is not an SNMP value");
        switch (tag.TagClass)
        {
            case TagClass.Universal:
                return (UniversalTagNumber)tag.TagValue switch
                {
                    UniversalTagNumber.Integer => SnmpValue.Integer(BerReader.ToSigned(content)),
                    UniversalTagNumber.OctetString => SnmpValue.Octets(SnmpType.OctetString, content.ToArray()),
                    UniversalTagNumber.Null => SnmpValue.Of(SnmpType.Null),
                    UniversalTagNumber.ObjectIdentifier => SnmpValue.Identifier(new ObjectIdentifier(BerReader.ToObjectIdentifier(content))),
                    _ => throw new SnmpDecodeException(MalformedReason.BadValue, $"{tag} is not an SNMP value type"),
                };
            case TagClass.Application:
                return tag.TagValue switch
                {
                    0 when content.Length == 4 => SnmpValue.Octets(SnmpType.IpAddress, content.ToArray()),
                    0 => throw new SnmpDecodeException(MalformedReason.BadValue, $"IpAddress of {content.Length} bytes"),
                    1 => SnmpValue.Unsigned32(SnmpType.Counter32, (uint)BerReader.ToUnsigned(content, 32)),
                    2 => SnmpValue.Unsigned32(SnmpType.Gauge32, (uint)BerReader.ToUnsigned(content, 32)),
                    3 => SnmpValue.Unsigned32(SnmpType.TimeTicks, (uint)BerReader.ToUnsigned(content, 32)),
                    4 => SnmpValue.Octets(SnmpType.Opaque, content.ToArray()),
                    6 => SnmpValue.Counter64(BerReader.ToUnsigned(content, 64)),
                    _ => throw new SnmpDecodeException(MalformedReason.BadValue, $"{tag} is not an SNMP value type"),
                };
            case TagClass.ContextSpecific:
                return tag.TagValue switch
                {
                    0 => SnmpValue.Of(SnmpType.NoSuchObject),
                    1 => SnmpValue.Of(SnmpType.NoSuchInstance),
                    2 => SnmpValue.Of(SnmpType.EndOfMibView),
                    _ => throw new SnmpDecodeException(MalformedReason.BadValue, $"{tag} is not an SNMP exception value"),
                };
            default:
                throw new SnmpDecodeException(MalformedReason.BadValue, $"{tag} is not an SNMP value type");
        }
    }

    private static int ClampInt(long value) =>
        value is < int.MinValue or > int.MaxValue ? throw new SnmpDecodeException(MalformedReason.BadInteger, "integer outside 32 bits") : (int)value;
}
