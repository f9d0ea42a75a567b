namespace NetOps.Capture.Tests.Live;

/// <summary>A test that creates network namespaces and captures live: skipped, saying why, unless run as root.</summary>
public sealed class NeedsRootFactAttribute : FactAttribute
{
    public NeedsRootFactAttribute()
    {
        if (!TestNetworkNamespace.IsRoot)
            Skip = "needs root: creates a network namespace with a veth pair (ip netns) and captures on it with libpcap";
    }
}
