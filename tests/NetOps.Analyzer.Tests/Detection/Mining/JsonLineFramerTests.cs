using System.Text;
using NetOps.Analyzer.Mining;

namespace NetOps.Analyzer.Tests.Mining;

public class JsonLineFramerTests
{
    private static List<string> Lines(ref JsonLineFramer framer, string stream)
    {
        var bytes = Encoding.ASCII.GetBytes(stream);
        var lines = new List<string>();
        while (framer.TryNext(bytes, out var line))
            lines.Add(Encoding.ASCII.GetString(line));
        return lines;
    }

    [Fact]
    public void Complete_lines_come_out_trimmed_and_a_partial_line_waits()
    {
        var framer = new JsonLineFramer();
        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], Lines(ref framer, "{\"id\":1}\r\n\n  {\"id\":2} \n{\"id\""));
        Assert.Equal(5, framer.Pending(Encoding.ASCII.GetBytes("{\"id\":1}\r\n\n  {\"id\":2} \n{\"id\"")));
        Assert.Equal(["{\"id\":3}"], Lines(ref framer, "{\"id\":1}\r\n\n  {\"id\":2} \n{\"id\":3}\n"));
    }

    [Fact]
    public void Overlong_lines_are_skipped_and_counted()
    {
        var framer = new JsonLineFramer();
        var stream = new string('a', JsonLineFramer.MaxLine + 1) + "\n{}\n";
        Assert.Equal(["{}"], Lines(ref framer, stream));
        Assert.Equal(1, framer.OverlongLines);
    }
}
