using NetOps.Analyzer.Decoding;
using NetOps.Analyzer.Inspection;

namespace NetOps.Analyzer.Identity;

/// <summary>What the timeline knows of a device (MAC) at a time.</summary>
public sealed record MacIdentity(string? User, IpAddress? Address, string? HostName, string Source);

/// <summary>
/// "Who had this IP (or MAC) at time t": bindings from DHCP leases, DHCPv6 replies and RADIUS
/// sessions, per address and per MAC, joined through the MAC (RADIUS Calling-Station-Id ↔ DHCP
/// chaddr / DUID). Bounded in memory (<see cref="IdentityTimelineOptions"/>). Thread-safe (one lock):
/// the pipeline's inspectors and the RADIUS accounting receiver feed it from different threads, and
/// both are rare next to packets (one call per DHCP/RADIUS message or per detection).
/// </summary>
public sealed class IdentityTimeline : IIdentityLookup
{
    private readonly BoundedHistory<IpAddress> _byAddress;
    private readonly BoundedHistory<MacAddress> _byMac;
    private readonly List<IdentityBinding> _prefixes = [];
    private readonly Lock _lock = new();

    public IdentityTimeline(IdentityTimelineOptions? options = null)
    {
        Options = options ?? new IdentityTimelineOptions();
        _byAddress = new BoundedHistory<IpAddress>(Options.MaxAddresses, Options.MaxBindingsPerKey);
        _byMac = new BoundedHistory<MacAddress>(Options.MaxMacs, Options.MaxBindingsPerKey);
    }

    public IdentityTimelineOptions Options { get; }

    public long OpenSessionHorizonNanos => Options.OpenSessionHorizon.Ticks * 100;

    public int AddressCount => _byAddress.Count;

    public int MacCount => _byMac.Count;

    /// <summary>Addresses, MACs and prefixes dropped for the memory bounds, and bindings dropped per key.</summary>
    public long Evicted => _byAddress.EvictedKeys + _byMac.EvictedKeys + _byAddress.EvictedBindings + _byMac.EvictedBindings + EvictedPrefixes;

    public long EvictedPrefixes { get; private set; }

    /// <summary>
    /// Adds one feed's statement. A statement by the same feed about the same holder (MAC or user)
    /// that overlaps an earlier one extends it (the later statement's end wins: a renewed lease, an
    /// interim update, a Stop); one naming a different holder ends the earlier holder's binding
    /// where the new one starts.
    /// </summary>
    public void Record(IdentityBinding binding)
    {
        lock (_lock)
        {
            if (binding.Address is { } address)
            {
                if (binding.PrefixLength < 128 && !address.IsIPv4Mapped)
                    RecordPrefix(binding);
                else
                    Merge(_byAddress, _byAddress.Touch(address), binding, handover: true);
            }
            if (binding.Mac is { } mac)
                Merge(_byMac, _byMac.Touch(mac), binding with { }, handover: false);
        }
    }

    /// <summary>Ends <paramref name="source"/>'s bindings of an address at a time (DHCP RELEASE, DHCPv6 Release).</summary>
    public void End(IpAddress address, long atNanos, string source)
    {
        lock (_lock)
        {
            foreach (var binding in _byAddress.Get(address))
            {
                if (binding.Source == source && binding.Covers(atNanos))
                {
                    binding.EndNanos = atNanos;
                    if (binding.Mac is { } mac)
                    {
                        foreach (var joined in _byMac.Get(mac))
                        {
                            if (joined.Source == source && joined.Address == address && joined.Covers(atNanos))
                                joined.EndNanos = atNanos;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Ends every RADIUS session a NAS reported that is open at <paramref name="atNanos"/>: its
    /// Accounting-On / Accounting-Off (RFC 2866 §5.1) says it rebooted or stopped, and sends no Stops.
    /// </summary>
    public int EndNas(IpAddress nas, long atNanos)
    {
        lock (_lock)
        {
            var ended = 0;
            foreach (var binding in _byAddress.All.SelectMany(b => b).Concat(_byMac.All.SelectMany(b => b)).Concat(_prefixes))
            {
                if (binding.Nas == nas && binding.Covers(atNanos))
                {
                    binding.EndNanos = atNanos;
                    ended++;
                }
            }
            return ended;
        }
    }

    public IdentityAnswer? Lookup(IpAddress address, long timestampNanos)
    {
        lock (_lock)
        {
            var bindings = _byAddress.Get(address);
            var primary = Latest(bindings, timestampNanos, null) ?? LongestPrefix(address, timestampNanos);
            if (primary is null)
                return null;
            var mac = primary.Mac ?? Latest(bindings, timestampNanos, primary, b => b.Mac is not null)?.Mac;
            var user = primary.User ?? Latest(bindings, timestampNanos, primary, b => b.User is not null)?.User;
            var hostName = primary.HostName ?? Latest(bindings, timestampNanos, primary, b => b.HostName is not null)?.HostName;
            if (mac is { } device && (user is null || hostName is null))
            {
                var joined = _byMac.Get(device);
                user ??= Latest(joined, timestampNanos, null, b => b.User is not null)?.User;
                hostName ??= Latest(joined, timestampNanos, null, b => b.HostName is not null)?.HostName;
            }
            return new IdentityAnswer(user, mac, hostName, primary.Source);
        }
    }

    /// <summary>The user, address and host name a device had at a time, or null when nothing is known.</summary>
    public MacIdentity? LookupMac(MacAddress mac, long timestampNanos)
    {
        lock (_lock)
        {
            var bindings = _byMac.Get(mac);
            var latest = Latest(bindings, timestampNanos, null);
            if (latest is null)
                return null;
            var user = Latest(bindings, timestampNanos, null, b => b.User is not null)?.User;
            var address = Latest(bindings, timestampNanos, null, b => b.Address is not null)?.Address;
            var hostName = Latest(bindings, timestampNanos, null, b => b.HostName is not null)?.HostName;
            return new MacIdentity(user, address, hostName, latest.Source);
        }
    }

    private static void Merge<TKey>(BoundedHistory<TKey> history, List<IdentityBinding> bindings, IdentityBinding binding, bool handover) where TKey : notnull
    {
        foreach (var earlier in bindings)
        {
            var overlaps = earlier.EndNanos >= binding.StartNanos && binding.EndNanos >= earlier.StartNanos;
            if (!overlaps)
                continue;
            if (earlier.Source == binding.Source && earlier.Address == binding.Address && earlier.SameHolder(binding))
            {
                earlier.StartNanos = Math.Min(earlier.StartNanos, binding.StartNanos);
                earlier.EndNanos = binding.EndNanos;
                earlier.Mac ??= binding.Mac;
                earlier.User ??= binding.User;
                earlier.HostName = binding.HostName ?? earlier.HostName;
                return;
            }
            if (handover && earlier.OtherHolder(binding) && earlier.StartNanos < binding.StartNanos)
                earlier.EndNanos = binding.StartNanos;
        }
        history.Add(bindings, binding);
    }

    private void RecordPrefix(IdentityBinding binding)
    {
        foreach (var earlier in _prefixes)
        {
            if (earlier.Address == binding.Address && earlier.PrefixLength == binding.PrefixLength && earlier.Source == binding.Source
                && earlier.EndNanos >= binding.StartNanos && (earlier.SameHolder(binding) || (earlier.Mac is null && earlier.User is null)))
            {
                earlier.EndNanos = binding.EndNanos;
                earlier.Mac ??= binding.Mac;
                earlier.User ??= binding.User;
                return;
            }
        }
        if (_prefixes.Count >= Options.MaxPrefixes)
        {
            _prefixes.RemoveAt(0);
            EvictedPrefixes++;
        }
        _prefixes.Add(binding);
    }

    private IdentityBinding? LongestPrefix(IpAddress address, long timestampNanos)
    {
        IdentityBinding? best = null;
        foreach (var prefix in _prefixes)
        {
            if (!prefix.Covers(timestampNanos) || (best is not null && prefix.PrefixLength < best.PrefixLength))
                continue;
            var mask = prefix.PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix.PrefixLength);
            if ((address.Value & mask) == (prefix.Address!.Value.Value & mask))
                best = prefix;
        }
        return best;
    }

    /// <summary>The covering binding that started last, skipping those of another holder than <paramref name="holder"/>.</summary>
    private static IdentityBinding? Latest(IReadOnlyList<IdentityBinding> bindings, long timestampNanos, IdentityBinding? holder, Func<IdentityBinding, bool>? wanted = null)
    {
        for (var i = bindings.Count - 1; i >= 0; i--)
        {
            var binding = bindings[i];
            if (binding.Covers(timestampNanos) && (holder is null || !binding.OtherHolder(holder)) && (wanted is null || wanted(binding)))
                return binding;
        }
        return null;
    }
}
