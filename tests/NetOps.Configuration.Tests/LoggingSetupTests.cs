using NetOps.Configuration;
using NetOps.Testing;

namespace NetOps.Configuration.Tests;

public sealed class LoggingSetupTests
{
    [Fact]
    public void WritesADailyFileWithTheMessage()
    {
        var dir = TestDirectories.Create("log");
        var logger = LoggingSetup.CreateLogger(new LoggingConfig { Dir = dir, Level = "information" }, "unit");
        logger.ForContext("SourceContext", "Test").Information("hello {Who}", "网络管理员");
        logger.Debug("not written at information level");
        (logger as IDisposable)!.Dispose();
        var file = Assert.Single(Directory.GetFiles(dir, "unit-*.log"));
        var text = File.ReadAllText(file);
        Assert.Contains("hello 网络管理员", text);
        Assert.Contains("[INF] Test:", text);
        Assert.DoesNotContain("not written", text);
        TestDirectories.Delete(dir);
    }
}
