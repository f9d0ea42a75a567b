using NetOps.Testing;

namespace NetOps.Capture.Tests.Live;

/// <summary>A test that creates network namespaces and captures live: skipped, saying why, unless run as root.</summary>
public sealed class NeedsRootFactAttribute : FactAttribute
{
    public NeedsRootFactAttribute() => Skip = TestNetworkNamespace.SkipReason;
}
