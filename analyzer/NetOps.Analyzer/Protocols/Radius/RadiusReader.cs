using System.Buffers.Binary;
using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Protocols.Radius;

/// <summary>
/// One RADIUS packet (RFC 2865/2866): header and the attributes identity needs, read in one bounded
/// pass at <see cref="TryRead"/>. User-Password (and every attribute not listed here) is skipped,
/// never exposed: only <see cref="HasUserPassword"/> says it was there. First occurrence wins.
/// </summary>
public readonly ref struct RadiusReader
{
    public const int HeaderLength = 20;
    public const int MaxLength = 4096;

    public const byte UserNameType = 1;
    public const byte UserPasswordType = 2;
    public const byte NasIpAddressType = 4;
    public const byte FramedIpAddressType = 8;
    public const byte SessionTimeoutType = 27;
    public const byte CalledStationIdType = 30;
    public const byte CallingStationIdType = 31;
    public const byte NasIdentifierType = 32;
    public const byte AcctStatusTypeType = 40;
    public const byte AcctSessionIdType = 44;
    public const byte AcctSessionTimeType = 46;
    public const byte FramedIpv6PrefixType = 97;
    public const byte FramedIpv6AddressType = 168;

    private readonly ReadOnlySpan<byte> _packet;
    private readonly Found _found;

    private RadiusReader(ReadOnlySpan<byte> packet, Found found)
    {
        _packet = packet;
        _found = found;
        UserName = found.UserName;
        CallingStationId = found.CallingStationId;
        CalledStationId = found.CalledStationId;
        NasIdentifier = found.NasIdentifier;
        AcctSessionId = found.AcctSessionId;
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out RadiusReader reader, out RadiusMalformed error)
    {
        reader = default;
        if (payload.Length < HeaderLength)
        {
            error = RadiusMalformed.TooShort;
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        if (length < HeaderLength || length > MaxLength || length > payload.Length)
        {
            error = RadiusMalformed.BadLength;
            return false;
        }
        var packet = payload[..length]; // octets past Length are padding (RFC 2865 §3)
        var found = new Found();
        var attributes = new RadiusAttributeReader(packet[HeaderLength..]);
        while (attributes.Read())
        {
            if (!found.Take(attributes.Type, attributes.Value))
            {
                error = RadiusMalformed.BadAttributeLength;
                return false;
            }
        }
        if (attributes.Error)
        {
            error = RadiusMalformed.AttributeOverrun;
            return false;
        }
        reader = new RadiusReader(packet, found);
        error = RadiusMalformed.None;
        return true;
    }

    public RadiusCode Code => (RadiusCode)_packet[0];

    public byte Identifier => _packet[1];

    public ushort Length => (ushort)_packet.Length;

    /// <summary>The 16-byte Request or Response Authenticator.</summary>
    public ReadOnlySpan<byte> Authenticator => _packet.Slice(4, 16);

    /// <summary>The packet as its Length field bounds it (for authenticator checks).</summary>
    public ReadOnlySpan<byte> Packet => _packet;

    public ReadOnlySpan<byte> UserName { get; }

    public bool HasUserPassword => _found.HasUserPassword;

    public bool HasNasIpAddress => _found.HasNasIp;

    public IpAddress NasIpAddress => _found.NasIp;

    public ReadOnlySpan<byte> NasIdentifier { get; }

    public bool HasFramedIpAddress => _found.HasFramedIp;

    public IpAddress FramedIpAddress => _found.FramedIp;

    public bool HasFramedIpv6Address => _found.HasFramedIpv6;

    public IpAddress FramedIpv6Address => _found.FramedIpv6;

    public bool HasFramedIpv6Prefix => _found.HasPrefix;

    /// <summary>The prefix with its host bits as sent (zero-padded to 16 bytes).</summary>
    public IpAddress FramedIpv6Prefix => _found.Prefix;

    public byte FramedIpv6PrefixLength => _found.PrefixLength;

    /// <summary>Usually the device's MAC; read it with <see cref="MacText.TryParse"/>.</summary>
    public ReadOnlySpan<byte> CallingStationId { get; }

    /// <summary>Usually the AP's MAC, often with ":SSID" appended.</summary>
    public ReadOnlySpan<byte> CalledStationId { get; }

    public AcctStatusType AcctStatusType => _found.StatusType;

    public ReadOnlySpan<byte> AcctSessionId { get; }

    public bool HasAcctSessionTime => _found.HasSessionTime;

    public uint AcctSessionTime => _found.SessionTime;

    public bool HasSessionTimeout => _found.HasSessionTimeout;

    public uint SessionTimeout => _found.SessionTimeout;

    private ref struct Found
    {
        public ReadOnlySpan<byte> UserName;
        public bool HasUserPassword;
        public bool HasNasIp;
        public IpAddress NasIp;
        public ReadOnlySpan<byte> NasIdentifier;
        public bool HasFramedIp;
        public IpAddress FramedIp;
        public bool HasFramedIpv6;
        public IpAddress FramedIpv6;
        public bool HasPrefix;
        public IpAddress Prefix;
        public byte PrefixLength;
        public ReadOnlySpan<byte> CallingStationId;
        public ReadOnlySpan<byte> CalledStationId;
        public AcctStatusType StatusType;
        public ReadOnlySpan<byte> AcctSessionId;
        public bool HasSessionTime;
        public uint SessionTime;
        public bool HasSessionTimeout;
        public uint SessionTimeout;

        public bool Take(byte type, ReadOnlySpan<byte> value)
        {
            switch (type)
            {
                case UserNameType when UserName.IsEmpty:
                    UserName = value;
                    break;
                case UserPasswordType:
                    HasUserPassword = true;
                    break;
                case NasIpAddressType when !HasNasIp:
                    if (value.Length != 4)
                        return false;
                    (HasNasIp, NasIp) = (true, IpAddress.ReadIPv4(value));
                    break;
                case FramedIpAddressType when !HasFramedIp:
                    if (value.Length != 4)
                        return false;
                    (HasFramedIp, FramedIp) = (true, IpAddress.ReadIPv4(value));
                    break;
                case FramedIpv6AddressType when !HasFramedIpv6:
                    if (value.Length != 16)
                        return false;
                    (HasFramedIpv6, FramedIpv6) = (true, IpAddress.ReadIPv6(value));
                    break;
                case FramedIpv6PrefixType when !HasPrefix:
                    if (value.Length < 2 || value.Length > 18 || value[1] > 128)
                        return false;
                    Span<byte> prefix = stackalloc byte[16];
                    value[2..].CopyTo(prefix);
                    (HasPrefix, Prefix, PrefixLength) = (true, IpAddress.ReadIPv6(prefix), value[1]);
                    break;
                case NasIdentifierType when NasIdentifier.IsEmpty:
                    NasIdentifier = value;
                    break;
                case CallingStationIdType when CallingStationId.IsEmpty:
                    CallingStationId = value;
                    break;
                case CalledStationIdType when CalledStationId.IsEmpty:
                    CalledStationId = value;
                    break;
                case AcctStatusTypeType when StatusType == AcctStatusType.None:
                    if (value.Length != 4)
                        return false;
                    StatusType = (AcctStatusType)BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case AcctSessionIdType when AcctSessionId.IsEmpty:
                    AcctSessionId = value;
                    break;
                case AcctSessionTimeType when !HasSessionTime:
                    if (value.Length != 4)
                        return false;
                    (HasSessionTime, SessionTime) = (true, BinaryPrimitives.ReadUInt32BigEndian(value));
                    break;
                case SessionTimeoutType when !HasSessionTimeout:
                    if (value.Length != 4)
                        return false;
                    (HasSessionTimeout, SessionTimeout) = (true, BinaryPrimitives.ReadUInt32BigEndian(value));
                    break;
            }
            return true;
        }
    }
}
