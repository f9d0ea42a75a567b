namespace NetOps.Analyzer.Protocols.Dhcp;

/// <summary>
/// Option 82 sub-options a campus relay (the access switch) adds: which port and switch the
/// client is behind. Spans into the option value; empty when a sub-option is absent.
/// </summary>
public readonly ref struct RelayAgentInformation
{
    public const byte CircuitIdCode = 1;
    public const byte RemoteIdCode = 2;
    public const byte SubscriberIdCode = 6;

    /// <summary>Sub-option 1: the switch port (vendor-specific bytes).</summary>
    public ReadOnlySpan<byte> CircuitId { get; private init; }

    /// <summary>Sub-option 2: the relay itself (often its MAC or name).</summary>
    public ReadOnlySpan<byte> RemoteId { get; private init; }

    /// <summary>Sub-option 6 (RFC 3993).</summary>
    public ReadOnlySpan<byte> SubscriberId { get; private init; }

    /// <summary>False when a sub-option runs past the option.</summary>
    public static bool TryRead(ReadOnlySpan<byte> optionValue, out RelayAgentInformation information)
    {
        ReadOnlySpan<byte> circuit = default, remote = default, subscriber = default;
        var reader = new DhcpOptionReader(optionValue, hasPadAndEnd: false);
        while (reader.Read())
        {
            switch (reader.Code)
            {
                case CircuitIdCode when circuit.IsEmpty:
                    circuit = reader.Value;
                    break;
                case RemoteIdCode when remote.IsEmpty:
                    remote = reader.Value;
                    break;
                case SubscriberIdCode when subscriber.IsEmpty:
                    subscriber = reader.Value;
                    break;
            }
        }
        information = new RelayAgentInformation { CircuitId = circuit, RemoteId = remote, SubscriberId = subscriber };
        return !reader.Error;
    }
}
