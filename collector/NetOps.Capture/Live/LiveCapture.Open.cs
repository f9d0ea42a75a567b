namespace NetOps.Capture.Live;

public sealed unsafe partial class LiveCapture
{
    /// <summary>The largest snaplen libpcap accepts (MAXIMUM_SNAPLEN).</summary>
    public const int MaxSnaplen = 262144;

    /// <summary>libpcap's version string, e.g. "libpcap version 1.10.3 (with TPACKET_V3)".</summary>
    public static string LibraryVersion => Guard(() => PcapNative.Text(PcapNative.LibraryVersion()));

    /// <summary>
    /// Opens and activates a capture on the calling thread's network namespace, or on
    /// <see cref="LiveCaptureOptions.NetworkNamespace"/>'s when set (opened on a short-lived thread
    /// that joins it). Throws <see cref="LiveCaptureException"/> with a clear message when it cannot:
    /// no such device (naming the ones there are), permission, interface down, bad filter (with
    /// libpcap's words), a link type NetOps does not decode.
    /// </summary>
    public static LiveCapture Open(LiveCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        return Guard(() => NetworkNamespace.Run(options.NetworkNamespace, () => Activate(options)));
    }

    /// <summary>The interfaces libpcap can capture on (in <paramref name="networkNamespace"/>, when given).</summary>
    public static IReadOnlyList<CaptureDevice> Devices(string? networkNamespace = null) =>
        Guard(() => NetworkNamespace.Run(networkNamespace, CaptureDevices.Find));

    /// <summary>
    /// Compiles a BPF filter as libpcap would for an interface of <paramref name="linkType"/>, without
    /// opening one: null when it compiles, else libpcap's words (for configuration checks). Host
    /// names in the filter are resolved, as libpcap resolves them when it compiles.
    /// </summary>
    public static string? CheckFilter(string filter, LinkType linkType = LinkType.Ethernet) => Guard(() =>
    {
        using var handle = PcapNative.OpenDead((int)linkType, MaxSnaplen);
        if (handle.IsInvalid)
            return "libpcap could not prepare a filter check";
        PcapNative.BpfProgram program;
        if (PcapNative.Compile(handle, &program, filter, 1, PcapNative.NetmaskUnknown) != 0)
            return PcapNative.ErrorText(handle);
        PcapNative.FreeCode(&program);
        return null;
    });

    /// <summary>libpcap reading a savefile: the reference NetOps's own file readers are compared with.</summary>
    internal static LiveCapture OpenOffline(string path) => Guard(() =>
    {
        var errors = stackalloc byte[PcapNative.ErrorBufferSize];
        var handle = PcapNative.OpenOffline(path, PcapNative.TimestampPrecisionNano, errors);
        if (handle.IsInvalid)
        {
            var message = PcapNative.Text(errors);
            handle.Dispose();
            throw new LiveCaptureException($"libpcap cannot read {path}: {message}");
        }
        var dlt = (uint)PcapNative.DataLink(handle);
        var linkType = LinkTypes.FromNumber(dlt) ?? (LinkType)dlt;
        return new LiveCapture(handle, path, linkType, PcapNative.Snapshot(handle), PcapNative.GetTimestampPrecision(handle) == PcapNative.TimestampPrecisionNano, null);
    });

    private static void Validate(LiveCaptureOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Interface))
            throw new LiveCaptureException("no capture interface given");
        if (options.Snaplen is < 1 or > MaxSnaplen)
            throw new LiveCaptureException($"snaplen {options.Snaplen} is out of range: 1 to {MaxSnaplen} bytes");
        if (options.BufferSize < 0)
            throw new LiveCaptureException($"buffer size {options.BufferSize} is negative");
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromSeconds(60))
            throw new LiveCaptureException($"read timeout {options.Timeout} is out of range: above 0, at most 60 s");
    }

    private static LiveCapture Activate(LiveCaptureOptions options)
    {
        var name = options.Interface;
        var where = options.NetworkNamespace is { Length: > 0 } ns ? $" in network namespace '{ns}'" : "";
        var errors = stackalloc byte[PcapNative.ErrorBufferSize];
        var handle = PcapNative.Create(name, errors);
        if (handle.IsInvalid)
        {
            var message = PcapNative.Text(errors);
            handle.Dispose();
            throw new LiveCaptureException($"cannot capture on '{name}'{where}: {message}");
        }
        try
        {
            // These only fail on an activated handle; ours is not yet.
            PcapNative.SetSnaplen(handle, options.Snaplen);
            PcapNative.SetPromiscuous(handle, options.Promiscuous ? 1 : 0);
            if (options.BufferSize > 0)
                PcapNative.SetBufferSize(handle, options.BufferSize);
            PcapNative.SetTimeout(handle, (int)Math.Ceiling(options.Timeout.TotalMilliseconds));
            PcapNative.SetImmediateMode(handle, options.ImmediateMode ? 1 : 0);
            // Nanoseconds where the platform has them, microseconds otherwise: checked after activation.
            PcapNative.SetTimestampPrecision(handle, PcapNative.TimestampPrecisionNano);

            var status = PcapNative.Activate(handle);
            if (status < 0)
                throw new LiveCaptureException(ActivationError(status, name, where, PcapNative.ErrorText(handle)), status);
            var warning = status > 0
                ? $"'{name}'{where}: {PcapNative.Text(PcapNative.StatusToString(status))}{Detail(PcapNative.ErrorText(handle))}"
                : null;

            var dlt = (uint)PcapNative.DataLink(handle);
            var linkType = LinkTypes.FromNumber(dlt)
                ?? throw new LiveCaptureException($"'{name}'{where} has {LinkTypes.Describe(dlt)}, which NetOps does not decode; NetOps decodes {LinkTypes.SupportedList}");

            if (options.Filter.Trim().Length > 0)
                SetFilter(handle, options.Filter, name, where);
            var nanoseconds = PcapNative.GetTimestampPrecision(handle) == PcapNative.TimestampPrecisionNano;
            return new LiveCapture(handle, name, linkType, PcapNative.Snapshot(handle), nanoseconds, warning);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static string Detail(string text) => text.Length > 0 ? $" ({text})" : "";

    private static string ActivationError(int status, string name, string where, string detail)
    {
        var because = Detail(detail);
        return status switch
        {
            PcapNative.ErrorNoSuchDevice =>
                $"no such device '{name}'{where}{because}; interfaces there: {string.Join(", ", CaptureDevices.Find().Select(d => d.Name))}",
            PcapNative.ErrorPermissionDenied or PcapNative.ErrorPromiscPermissionDenied =>
                $"permission denied capturing on '{name}'{where}{because}: run as root, or give the process CAP_NET_RAW and CAP_NET_ADMIN",
            PcapNative.ErrorInterfaceNotUp => $"interface '{name}'{where} is down{because}: bring it up (ip link set {name} up)",
            PcapNative.ErrorRfmonNotSupported => $"'{name}'{where} does not support monitor mode{because}",
            PcapNative.ErrorTimestampPrecisionNotSupported => $"'{name}'{where} does not support the timestamp precision asked for{because}",
            _ => $"cannot capture on '{name}'{where}: {PcapNative.Text(PcapNative.StatusToString(status))}{because}",
        };
    }

    private static void SetFilter(PcapHandle handle, string filter, string name, string where)
    {
        PcapNative.BpfProgram program;
        if (PcapNative.Compile(handle, &program, filter, 1, PcapNative.NetmaskUnknown) != 0)
            throw new LiveCaptureException($"bad capture filter \"{filter}\" for '{name}'{where}: {PcapNative.ErrorText(handle)}", PcapNative.Error);
        try
        {
            if (PcapNative.SetFilter(handle, &program) != 0)
                throw new LiveCaptureException($"cannot set capture filter \"{filter}\" on '{name}'{where}: {PcapNative.ErrorText(handle)}", PcapNative.Error);
        }
        finally
        {
            PcapNative.FreeCode(&program);
        }
    }

    /// <summary>Turns a missing libpcap into a clear message instead of a DllNotFoundException.</summary>
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DllNotFoundException e)
        {
            throw new LiveCaptureException($"libpcap ({PcapNative.Library}, Debian package libpcap0.8) cannot be loaded: {e.Message}");
        }
    }
}
