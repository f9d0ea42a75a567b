using NetOps.Capture;

namespace NetOps.Capture.Tests;

public sealed class LinkTypeTests
{
    [Fact]
    public void NumbersAreLibpcaps()
    {
        // tcpdump.org/linktypes.html
        Assert.Equal(1u, (uint)LinkType.Ethernet);
        Assert.Equal(113u, (uint)LinkType.LinuxSll);
        Assert.Equal(276u, (uint)LinkType.LinuxSll2);
        Assert.Equal(101u, (uint)LinkType.Raw);
    }
}
