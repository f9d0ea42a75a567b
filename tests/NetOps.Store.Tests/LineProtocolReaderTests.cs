using System.Text;
using NetOps.Store.LineProtocol;

namespace NetOps.Store.Tests;

public sealed class LineProtocolReaderTests
{
    private static List<(LineReadStatus Status, string Text, bool HasTimestamp, string? Error)> ReadAll(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new LineProtocolReader(bytes, isFinalBlock: true);
        var list = new List<(LineReadStatus, string, bool, string?)>();
        LineReadStatus status;
        while ((status = reader.Read()) != LineReadStatus.End)
        {
            if (status != LineReadStatus.Skipped)
                list.Add((status, Encoding.UTF8.GetString(reader.PointBytes), reader.HasTimestamp, reader.Error));
        }
        return list;
    }

    [Fact]
    public void ReadsPointsWithAndWithoutTimestamps()
    {
        var points = ReadAll("m,a=1 v=1i 1700000000000000000\nm v=2.5\nm b=true -5\n");
        Assert.Equal(3, points.Count);
        Assert.All(points, p => Assert.Equal(LineReadStatus.Point, p.Status));
        Assert.Equal([true, false, true], points.Select(p => p.HasTimestamp));
        Assert.Equal("m v=2.5", points[1].Text);
    }

    [Fact]
    public void StripsCarriageReturnsAndSkipsCommentsAndBlankLines()
    {
        var points = ReadAll("# header\r\n\r\nm v=1i 1\r\n   \nm v=2i\r\n");
        Assert.Equal(["m v=1i 1", "m v=2i"], points.Select(p => p.Text));
        Assert.Equal([true, false], points.Select(p => p.HasTimestamp));
    }

    [Fact]
    public void StringFieldsMayHoldNewlinesSeparatorsAndEscapedQuotes()
    {
        var points = ReadAll("m s=\"line1\nline2, a=b \\\"q\\\"\" 1\nm\\ x,t=a\\,b\\ c v=1i\n");
        Assert.Equal(2, points.Count);
        Assert.Equal("m s=\"line1\nline2, a=b \\\"q\\\"\" 1", points[0].Text);
        Assert.True(points[0].HasTimestamp);
        Assert.Equal("m\\ x,t=a\\,b\\ c v=1i", points[1].Text);
    }

    [Theory]
    [InlineData("m", "missing fields")]
    [InlineData("m,t v=1", "invalid tag format")]
    [InlineData("m,t= v=1", "invalid tag format")]
    [InlineData("m v=", "missing field value")]
    [InlineData("m v=abc", "invalid field value")]
    [InlineData("m v=1x", "invalid field value")]
    [InlineData("m v=1i 12ab", "bad timestamp")]
    [InlineData("m s=\"open", "unterminated string field")]
    [InlineData("m v=99999999999999999999i", "integer out of range")]
    [InlineData("m v=1e500", "invalid float (out of range)")]
    [InlineData(",t=1 v=1", "missing measurement")]
    public void MalformedLinesSayWhyAndReadingGoesOn(string bad, string reason)
    {
        var points = ReadAll(bad + "\nok v=1i 1\n");
        Assert.Equal(LineReadStatus.Malformed, points[0].Status);
        Assert.Equal(reason, points[0].Error);
        Assert.Equal(bad, points[0].Text);
        Assert.Equal((LineReadStatus.Point, "ok v=1i 1"), (points[^1].Status, points[^1].Text));
    }

    [Fact]
    public void ChunkedInputGivesTheSamePointsAsWholeInput()
    {
        var text = new StringBuilder();
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            text.Append(random.Next(5) switch
            {
                0 => $"m,t=a\\ b v={i}i {i}\n",
                1 => $"s text=\"multi\nline {i}\" {i}\r\n",
                2 => "# comment\n",
                3 => $"bad line {i}\n",
                _ => $"f x={i}.5,y=true\n",
            });
        }
        var whole = ReadAll(text.ToString());
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var chunked = new List<(LineReadStatus, string, bool, string?)>();
        var pending = new List<byte>();
        var offset = 0;
        while (offset < bytes.Length || pending.Count > 0)
        {
            var take = Math.Min(random.Next(1, 200), bytes.Length - offset);
            pending.AddRange(bytes.AsSpan(offset, take).ToArray());
            offset += take;
            var final = offset >= bytes.Length;
            var buffer = pending.ToArray();
            var reader = new LineProtocolReader(buffer, final);
            LineReadStatus status;
            while ((status = reader.Read()) is not (LineReadStatus.End or LineReadStatus.NeedMoreData))
            {
                if (status != LineReadStatus.Skipped)
                    chunked.Add((status, Encoding.UTF8.GetString(reader.PointBytes), reader.HasTimestamp, reader.Error));
            }
            pending = buffer.AsSpan(reader.Consumed).ToArray().ToList();
            if (final && status == LineReadStatus.End)
                break;
        }
        Assert.Equal(whole, chunked);
        Assert.Equal(2000 - whole.Count(p => p.Status == LineReadStatus.Point) - whole.Count(p => p.Status == LineReadStatus.Malformed),
            text.ToString().Split('\n').Count(l => l.StartsWith('#')));
    }
}
