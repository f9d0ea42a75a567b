using System.Buffers.Binary;
using NetOps.Analyzer.Decoding;

namespace NetOps.Analyzer.Protocols.Dhcp;

/// <summary>
/// One DHCPv4 message (RFC 2131): the BOOTP header and the options identity needs, read in one
/// bounded pass over the options at <see cref="TryRead"/>. Holds spans into the datagram only; the
/// first occurrence of an option wins (RFC 3396 long-option concatenation and option overload into
/// sname/file are not followed).
/// </summary>
public readonly ref struct DhcpReader
{
    public const int FixedLength = 236;
    public const uint MagicCookie = 0x63825363;

    public const byte OptionHostName = 12;
    public const byte OptionRequestedAddress = 50;
    public const byte OptionLeaseTime = 51;
    public const byte OptionMessageType = 53;
    public const byte OptionServerIdentifier = 54;
    public const byte OptionClientIdentifier = 61;
    public const byte OptionClientFqdn = 81;
    public const byte OptionRelayAgent = 82;

    private readonly ReadOnlySpan<byte> _data;

    private DhcpReader(ReadOnlySpan<byte> data, Found found)
    {
        _data = data;
        MessageType = found.MessageType;
        HasRequestedAddress = found.HasRequested;
        RequestedAddress = found.Requested;
        HasLeaseTime = found.HasLease;
        LeaseSeconds = found.Lease;
        HasServerIdentifier = found.HasServer;
        ServerIdentifier = found.Server;
        HostName = found.HostName;
        ClientIdentifier = found.ClientId;
        ClientFqdn = found.Fqdn;
        RelayAgent = found.RelayAgent;
    }

    /// <summary>Reads a UDP payload; false with the reason when it is not a well-formed DHCP message.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out DhcpReader reader, out DhcpMalformed error)
    {
        reader = default;
        if (payload.Length < FixedLength + 4)
        {
            error = DhcpMalformed.TooShort;
            return false;
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(payload[FixedLength..]) != MagicCookie)
        {
            error = DhcpMalformed.NoMagicCookie;
            return false;
        }
        var found = new Found();
        var options = new DhcpOptionReader(payload[(FixedLength + 4)..]);
        while (options.Read())
        {
            if (!found.Take(options.Code, options.Value))
            {
                error = DhcpMalformed.BadOptionLength;
                return false;
            }
        }
        if (options.Error)
        {
            error = DhcpMalformed.OptionOverrun;
            return false;
        }
        reader = new DhcpReader(payload, found);
        error = DhcpMalformed.None;
        return true;
    }

    /// <summary>1 BOOTREQUEST (client to server), 2 BOOTREPLY.</summary>
    public byte Op => _data[0];

    /// <summary>ARP hardware type: 1 for Ethernet.</summary>
    public byte HardwareType => _data[1];

    public byte HardwareAddressLength => _data[2];

    public uint TransactionId => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    /// <summary>ciaddr: the address the client already holds (renewing, informing).</summary>
    public IpAddress ClientAddress => IpAddress.ReadIPv4(_data[12..]);

    /// <summary>yiaddr: the address the server gives the client.</summary>
    public IpAddress YourAddress => IpAddress.ReadIPv4(_data[16..]);

    public IpAddress NextServerAddress => IpAddress.ReadIPv4(_data[20..]);

    /// <summary>giaddr: the relay agent that forwarded the message, 0.0.0.0 when none.</summary>
    public IpAddress RelayAddress => IpAddress.ReadIPv4(_data[24..]);

    /// <summary>True when chaddr holds an Ethernet MAC (hardware type 1, length 6).</summary>
    public bool HasClientMac => HardwareType == 1 && HardwareAddressLength == 6;

    public MacAddress ClientMac => MacAddress.Read(_data[28..]);

    /// <summary>Option 53; <see cref="DhcpMessageType.None"/> for a message without one (plain BOOTP).</summary>
    public DhcpMessageType MessageType { get; }

    public bool HasRequestedAddress { get; }

    public IpAddress RequestedAddress { get; }

    public bool HasLeaseTime { get; }

    /// <summary>Option 51, seconds; 0xFFFFFFFF means infinite.</summary>
    public uint LeaseSeconds { get; }

    public bool HasServerIdentifier { get; }

    public IpAddress ServerIdentifier { get; }

    /// <summary>Option 12, as sent (usually ASCII); empty when absent.</summary>
    public ReadOnlySpan<byte> HostName { get; }

    /// <summary>Option 61: type byte then identifier (type 1: a MAC; type 255: IAID + DUID, RFC 4361).</summary>
    public ReadOnlySpan<byte> ClientIdentifier { get; }

    /// <summary>Option 81 (RFC 4702) whole: flags, two rcodes, name; read the name with <see cref="DhcpFqdn"/>.</summary>
    public ReadOnlySpan<byte> ClientFqdn { get; }

    /// <summary>Option 82 (RFC 3046) value: sub-options to walk with a <see cref="DhcpOptionReader"/> without pad/end.</summary>
    public ReadOnlySpan<byte> RelayAgent { get; }

    /// <summary>The options after the magic cookie, for a caller that wants others.</summary>
    public ReadOnlySpan<byte> Options => _data[(FixedLength + 4)..];

    /// <summary>The client MAC carried in option 61 type 1, when it is there.</summary>
    public bool TryGetClientIdentifierMac(out MacAddress mac)
    {
        var id = ClientIdentifier;
        mac = id.Length == 7 && id[0] == 1 ? MacAddress.Read(id[1..]) : default;
        return id.Length == 7 && id[0] == 1;
    }

    private ref struct Found
    {
        public DhcpMessageType MessageType;
        public bool HasRequested;
        public IpAddress Requested;
        public bool HasLease;
        public uint Lease;
        public bool HasServer;
        public IpAddress Server;
        public ReadOnlySpan<byte> HostName;
        public ReadOnlySpan<byte> ClientId;
        public ReadOnlySpan<byte> Fqdn;
        public ReadOnlySpan<byte> RelayAgent;

        /// <summary>Keeps the first occurrence of each option; false for a fixed-size option of the wrong size.</summary>
        public bool Take(byte code, ReadOnlySpan<byte> value)
        {
            switch (code)
            {
                case OptionMessageType when MessageType == DhcpMessageType.None:
                    if (value.Length != 1)
                        return false;
                    MessageType = (DhcpMessageType)value[0];
                    break;
                case OptionRequestedAddress when !HasRequested:
                    if (value.Length != 4)
                        return false;
                    (HasRequested, Requested) = (true, IpAddress.ReadIPv4(value));
                    break;
                case OptionLeaseTime when !HasLease:
                    if (value.Length != 4)
                        return false;
                    (HasLease, Lease) = (true, BinaryPrimitives.ReadUInt32BigEndian(value));
                    break;
                case OptionServerIdentifier when !HasServer:
                    if (value.Length != 4)
                        return false;
                    (HasServer, Server) = (true, IpAddress.ReadIPv4(value));
                    break;
                case OptionHostName when HostName.IsEmpty:
                    HostName = value;
                    break;
                case OptionClientIdentifier when ClientId.IsEmpty:
                    ClientId = value;
                    break;
                case OptionClientFqdn when Fqdn.IsEmpty:
                    Fqdn = value;
                    break;
                case OptionRelayAgent when RelayAgent.IsEmpty:
                    RelayAgent = value;
                    break;
            }
            return true;
        }
    }
}
