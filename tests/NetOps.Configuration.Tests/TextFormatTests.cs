using NetOps.Configuration;

namespace NetOps.Configuration.Tests;

public sealed class TextFormatTests
{
    [Theory]
    [InlineData("200ms", 200)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("30d", 2_592_000_000)]
    [InlineData("1w", 604_800_000)]
    public void DurationsParse(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    [InlineData("5y")]
    [InlineData("99999999999999999999d")]
    public void BadDurationsAreRefused(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData("512", 512)]
    [InlineData("4KiB", 4096)]
    [InlineData("4MiB", 4_194_304)]
    [InlineData("1GiB", 1_073_741_824)]
    [InlineData("1TiB", 1_099_511_627_776)]
    [InlineData("2MB", 2_000_000)]
    [InlineData("1.5KiB", 1536)]
    public void SizesParse(string text, long bytes)
    {
        Assert.True(SizeText.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("4XB")]
    [InlineData("-1MiB")]
    [InlineData("99999999999TiB")]
    public void BadSizesAreRefused(string text) => Assert.False(SizeText.TryParse(text, out _));

    [Fact]
    public void FormattingRoundTrips()
    {
        foreach (var text in new[] { "200ms", "10s", "5m", "2h", "30d" })
        {
            Assert.True(DurationText.TryParse(text, out var d));
            Assert.Equal(text, DurationText.Format(d));
        }
        foreach (var text in new[] { "512", "4KiB", "4MiB", "1GiB" })
        {
            Assert.True(SizeText.TryParse(text, out var b));
            Assert.Equal(text, SizeText.Format(b));
        }
    }
}
