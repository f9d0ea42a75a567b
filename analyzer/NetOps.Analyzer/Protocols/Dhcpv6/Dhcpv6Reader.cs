using System.Buffers.Binary;
using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Protocols.Dhcpv6;

/// <summary>
/// One DHCPv6 message (RFC 8415). Relay-forward/reply messages are unwrapped to the client's
/// message they carry (bounded depth); <see cref="RelayPeerAddress"/> then names the client's
/// link-local address as the innermost relay saw it. Every option and IA sub-option length is
/// checked at <see cref="TryRead"/>, so <see cref="ReadLeases"/> walks a well-formed message.
/// </summary>
public readonly ref struct Dhcpv6Reader
{
    public const int MaxRelayDepth = 8;

    public const ushort OptionClientId = 1;
    public const ushort OptionServerId = 2;
    public const ushort OptionIaNa = 3;
    public const ushort OptionIaTa = 4;
    public const ushort OptionIaAddress = 5;
    public const ushort OptionRelayMessage = 9;
    public const ushort OptionIaPd = 25;
    public const ushort OptionIaPrefix = 26;
    public const ushort OptionClientFqdn = 39;

    private const int RelayHeaderLength = 34;

    private readonly ReadOnlySpan<byte> _message;

    private Dhcpv6Reader(ReadOnlySpan<byte> message, int relayDepth, IpAddress peer, Found found)
    {
        _message = message;
        RelayDepth = relayDepth;
        RelayPeerAddress = peer;
        ClientDuid = found.Client;
        ServerDuid = found.Server;
        ClientFqdn = found.Fqdn;
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out Dhcpv6Reader reader, out Dhcpv6Malformed error)
    {
        reader = default;
        var depth = 0;
        IpAddress peer = default;
        while (payload.Length > 0 && payload[0] is (byte)Dhcpv6MessageType.RelayForward or (byte)Dhcpv6MessageType.RelayReply)
        {
            if (payload.Length < RelayHeaderLength)
            {
                error = Dhcpv6Malformed.TooShort;
                return false;
            }
            peer = IpAddress.ReadIPv6(payload[18..]);
            if (++depth > MaxRelayDepth)
            {
                error = Dhcpv6Malformed.BadRelay;
                return false;
            }
            if (!TryFindOption(payload[RelayHeaderLength..], OptionRelayMessage, out var inner, out error))
            {
                error = error == Dhcpv6Malformed.None ? Dhcpv6Malformed.BadRelay : error;
                return false;
            }
            payload = inner;
        }
        if (payload.Length < 4)
        {
            error = Dhcpv6Malformed.TooShort;
            return false;
        }
        var found = new Found();
        error = Validate(payload[4..], ref found);
        if (error != Dhcpv6Malformed.None)
            return false;
        reader = new Dhcpv6Reader(payload, depth, peer, found);
        return true;
    }

    public Dhcpv6MessageType MessageType => (Dhcpv6MessageType)_message[0];

    /// <summary>The 24-bit transaction id.</summary>
    public uint TransactionId => (uint)(_message[1] << 16 | _message[2] << 8 | _message[3]);

    /// <summary>How many relay messages wrapped this one (0: seen straight from the client or server).</summary>
    public int RelayDepth { get; }

    /// <summary>The innermost relay's peer-address (the client's address on its link) when <see cref="RelayDepth"/> &gt; 0.</summary>
    public IpAddress RelayPeerAddress { get; }

    /// <summary>Option 1, empty when absent; see <see cref="Duid.TryGetMac"/>.</summary>
    public ReadOnlySpan<byte> ClientDuid { get; }

    /// <summary>Option 2, empty when absent.</summary>
    public ReadOnlySpan<byte> ServerDuid { get; }

    /// <summary>Option 39 (RFC 4704) whole: flags byte, then the name in DNS wire format.</summary>
    public ReadOnlySpan<byte> ClientFqdn { get; }

    public ReadOnlySpan<byte> Options => _message[4..];

    /// <summary>The FQDN option's name as text (allocates); false when absent or broken.</summary>
    public bool TryGetFqdnName(out string name)
    {
        name = "";
        return ClientFqdn.Length >= 1 && DomainNameText.TryFormat(ClientFqdn[1..], out name);
    }

    /// <summary>The addresses (IA_NA, IA_TA) and prefixes (IA_PD) the message carries.</summary>
    public Dhcpv6LeaseEnumerator ReadLeases() => new(Options);

    private static bool TryFindOption(ReadOnlySpan<byte> options, ushort code, out ReadOnlySpan<byte> value, out Dhcpv6Malformed error)
    {
        var reader = new Dhcpv6OptionReader(options);
        while (reader.Read())
        {
            if (reader.Code == code)
            {
                value = reader.Value;
                error = Dhcpv6Malformed.None;
                return true;
            }
        }
        value = default;
        error = reader.Error ? Dhcpv6Malformed.OptionOverrun : Dhcpv6Malformed.None;
        return false;
    }

    private static Dhcpv6Malformed Validate(ReadOnlySpan<byte> options, ref Found found)
    {
        var reader = new Dhcpv6OptionReader(options);
        while (reader.Read())
        {
            var value = reader.Value;
            switch (reader.Code)
            {
                case OptionClientId when found.Client.IsEmpty:
                    found.Client = value;
                    break;
                case OptionServerId when found.Server.IsEmpty:
                    found.Server = value;
                    break;
                case OptionClientFqdn when found.Fqdn.IsEmpty:
                    found.Fqdn = value;
                    break;
                case OptionIaNa or OptionIaTa or OptionIaPd:
                    var fixedPart = Dhcpv6LeaseEnumerator.IaFixedLength(reader.Code);
                    if (value.Length < fixedPart)
                        return Dhcpv6Malformed.BadOptionLength;
                    var inner = ValidateIa(value[fixedPart..]);
                    if (inner != Dhcpv6Malformed.None)
                        return inner;
                    break;
            }
        }
        return reader.Error ? Dhcpv6Malformed.OptionOverrun : Dhcpv6Malformed.None;
    }

    private static Dhcpv6Malformed ValidateIa(ReadOnlySpan<byte> options)
    {
        var reader = new Dhcpv6OptionReader(options);
        while (reader.Read())
        {
            if ((reader.Code == OptionIaAddress && reader.Value.Length < 24) || (reader.Code == OptionIaPrefix && reader.Value.Length < 25))
                return Dhcpv6Malformed.BadOptionLength;
        }
        return reader.Error ? Dhcpv6Malformed.OptionOverrun : Dhcpv6Malformed.None;
    }

    private ref struct Found
    {
        public ReadOnlySpan<byte> Client;
        public ReadOnlySpan<byte> Server;
        public ReadOnlySpan<byte> Fqdn;
    }
}

/// <summary>Walks IA_NA / IA_TA / IA_PD options and yields each address or prefix inside: <c>foreach (var lease in reader.ReadLeases())</c>.</summary>
public ref struct Dhcpv6LeaseEnumerator
{
    private Dhcpv6OptionReader _outer;
    private Dhcpv6OptionReader _inner;
    private bool _inIa;
    private ushort _iaCode;
    private uint _iaid;

    internal Dhcpv6LeaseEnumerator(ReadOnlySpan<byte> options)
    {
        _outer = new Dhcpv6OptionReader(options);
        _inner = default;
        _inIa = false;
        _iaCode = 0;
        _iaid = 0;
        Current = default;
    }

    public Dhcpv6Lease Current { get; private set; }

    public readonly Dhcpv6LeaseEnumerator GetEnumerator() => this;

    internal static int IaFixedLength(ushort code) => code == Dhcpv6Reader.OptionIaTa ? 4 : 12;

    public bool MoveNext()
    {
        while (true)
        {
            if (_inIa)
            {
                while (_inner.Read())
                {
                    var value = _inner.Value;
                    if (_inner.Code == Dhcpv6Reader.OptionIaAddress && _iaCode != Dhcpv6Reader.OptionIaPd)
                    {
                        var kind = _iaCode == Dhcpv6Reader.OptionIaNa ? Dhcpv6LeaseKind.NonTemporaryAddress : Dhcpv6LeaseKind.TemporaryAddress;
                        Current = new Dhcpv6Lease(kind, _iaid, IpAddress.ReadIPv6(value), 128,
                            BinaryPrimitives.ReadUInt32BigEndian(value[16..]), BinaryPrimitives.ReadUInt32BigEndian(value[20..]));
                        return true;
                    }
                    if (_inner.Code == Dhcpv6Reader.OptionIaPrefix && _iaCode == Dhcpv6Reader.OptionIaPd)
                    {
                        Current = new Dhcpv6Lease(Dhcpv6LeaseKind.DelegatedPrefix, _iaid, IpAddress.ReadIPv6(value[9..]), value[8],
                            BinaryPrimitives.ReadUInt32BigEndian(value), BinaryPrimitives.ReadUInt32BigEndian(value[4..]));
                        return true;
                    }
                }
                _inIa = false;
            }
            if (!_outer.Read())
                return false;
            var code = _outer.Code;
            if (code is not (Dhcpv6Reader.OptionIaNa or Dhcpv6Reader.OptionIaTa or Dhcpv6Reader.OptionIaPd) || _outer.Value.Length < IaFixedLength(code))
                continue;
            _iaCode = code;
            _iaid = BinaryPrimitives.ReadUInt32BigEndian(_outer.Value);
            _inner = new Dhcpv6OptionReader(_outer.Value[IaFixedLength(code)..]);
            _inIa = true;
        }
    }
}
