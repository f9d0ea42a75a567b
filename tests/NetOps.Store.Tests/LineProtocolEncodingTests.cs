using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using NetOps.Store.LineProtocol;
using NetOps.Store.Reading;

namespace NetOps.Store.Tests;

[Collection(SharedInfluxCollection.Name)]
public sealed class LineProtocolEncodingTests(SharedInflux influx)
{
    private static string Encode(Point point, params KeyValuePair<string, string>[] defaults)
    {
        var buffer = new ArrayBufferWriter<byte>();
        point.WriteTo(buffer, defaults, 0);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void MeasurementEscapesCommaAndSpaceButNotEquals() =>
        Assert.Equal("cpu\\ load\\,x=y v=1i 5\n", Encode(new Point("cpu load,x=y").Field("v", 1L).TimestampNs(5)));

    [Fact]
    public void TagsAndFieldKeysEscapeCommaEqualsAndSpace() =>
        Assert.Equal("m,a\\ b\\=c\\,d=x\\ y\\=z\\,w f\\ 1\\=\\,=1i 1\n",
            Encode(new Point("m").Tag("a b=c,d", "x y=z,w").Field("f 1=,", 1L).TimestampNs(1)));

    [Fact]
    public void StringFieldsEscapeQuoteAndBackslashOnly() =>
        Assert.Equal("m s=\"say \\\"hi\\\" C:\\\\dir, a=b\" 1\n", Encode(new Point("m").Field("s", "say \"hi\" C:\\dir, a=b").TimestampNs(1)));

    [Fact]
    public void BackslashesOutsideStringsAreWrittenAsTheyAre() =>
        Assert.Equal("m,t=a\\b v=1i 1\n", Encode(new Point("m").Tag("t", "a\\b").Field("v", 1L).TimestampNs(1)));

    [Fact]
    public void NumbersAndBooleansHaveTheirLineProtocolForms() =>
        Assert.Equal("m i=-42i,f=0.1,g=1E+300,h=-1.5E-07,b=true,c=false 1\n",
            Encode(new Point("m").Field("i", -42L).Field("f", 0.1).Field("g", 1e300).Field("h", -1.5e-7).Field("b", true).Field("c", false).TimestampNs(1)));

    [Fact]
    public void TagsAreSortedOrdinallyWithDefaultsMergedAndThePointsOwnTagWinning() =>
        Assert.Equal("m,B=2,a=1,school=own,z=9 v=1i 1\n",
            Encode(new Point("m").Tag("z", "9").Tag("a", "1").Tag("school", "own").Field("v", 1L).TimestampNs(1),
                new("school", "default"), new("B", "2")));

    [Fact]
    public void EmptyTagValuesAreLeftOut() =>
        Assert.Equal("m,a=1 v=1i 1\n", Encode(new Point("m").Tag("a", "1").Tag("empty", "").Tag("null", null).Field("v", 1L).TimestampNs(1)));

    [Fact]
    public void LinesEndInLineFeedOnly()
    {
        var text = Encode(new Point("m").Field("s", "a\r\nb").TimestampNs(1));
        Assert.EndsWith("\n", text);
        Assert.False(text.EndsWith("\r\n", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatInfluxCannotStoreIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new Point("m").Field("v", double.NaN));
        Assert.Throws<ArgumentException>(() => new Point("m").Field("v", double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new Point("m").Field("v", double.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => new Point("m\nx"));
        Assert.Throws<ArgumentException>(() => new Point("m").Tag("t", "a\nb"));
        Assert.Throws<ArgumentException>(() => new Point("m").Tag("t", "ends\\"));
        Assert.Throws<ArgumentException>(() => new Point("m").Tag("t", "a\\ b"));
        Assert.Throws<ArgumentException>(() => new Point("m").Field("time", 1L));
        Assert.Throws<ArgumentException>(() => new Point("m").Tag("time", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Point("m").Field("v", ulong.MaxValue));
        Assert.Throws<InvalidOperationException>(() => Encode(new Point("m").Tag("a", "1")));
    }

    [Fact]
    public async Task EveryRuleRoundTripsThroughTheRealServer()
    {
        var db = SharedInflux.NewDatabase();
        using var client = await influx.Server.CreateDatabaseAsync(db);
        var text = "say \"hi\"\\path\nsecond line 第二行";
        var points = new[]
        {
            new Point("cpu load,x").Tag("building", "教学楼 A,3层").Tag("odd", "a=b c,d").Tag("slash", "a\\b")
                .Field("bytes in=x", 7L).Field("text", text).Field("min", long.MinValue).Field("max", long.MaxValue)
                .Field("tenth", 0.1).Field("tiny", -1.5e-7).Field("huge", 1e300).Field("denormal", 5e-324).Field("yes", true).Field("no", false)
                .TimestampNs(1_700_000_000_123_456_789),
        };
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var point in points)
            point.WriteTo(buffer, [new("school", "测试 学校")], 0);
        using var http = new HttpClient();
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await http.PostAsync(new Uri(influx.Server.Url, $"write?db={db}&precision=ns"), content);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);

        var measurements = await client.QuerySingleAsync("SHOW MEASUREMENTS");
        Assert.Equal("cpu load,x", Assert.Single(measurements.Series[0].Rows)[0]);

        var result = await client.QuerySingleAsync("SELECT * FROM \"cpu load,x\"");
        var series = Assert.Single(result.Series);
        Assert.Single(series.Rows);
        Assert.Equal(1_700_000_000_123_456_789, series.Long(0, "time"));
        Assert.Equal("教学楼 A,3层", series.String(0, "building"));
        Assert.Equal("a=b c,d", series.String(0, "odd"));
        Assert.Equal("a\\b", series.String(0, "slash"));
        Assert.Equal("测试 学校", series.String(0, "school"));
        Assert.Equal(7L, series.Long(0, "bytes in=x"));
        Assert.Equal(text, series.String(0, "text"));
        Assert.Equal(long.MinValue, series.Long(0, "min"));
        Assert.Equal(long.MaxValue, series.Long(0, "max"));
        Assert.Equal(0.1, series.Double(0, "tenth"));
        Assert.Equal(-1.5e-7, series.Double(0, "tiny"));
        Assert.Equal(1e300, series.Double(0, "huge"));
        Assert.Equal(5e-324, series.Double(0, "denormal"));
        Assert.Equal(true, series.Rows[0][series.ColumnIndex("yes")]);
        Assert.Equal(false, series.Rows[0][series.ColumnIndex("no")]);

        var fieldTypes = await client.QuerySingleAsync("SHOW FIELD KEYS FROM \"cpu load,x\"");
        var types = fieldTypes.Series[0].Rows.ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("integer", types["bytes in=x"]);
        Assert.Equal("float", types["tenth"]);
        Assert.Equal("string", types["text"]);
        Assert.Equal("boolean", types["yes"]);

        var tagValues = await client.QuerySingleAsync("SHOW TAG VALUES FROM \"cpu load,x\" WITH KEY = \"odd\"");
        Assert.Equal("a=b c,d", tagValues.Series[0].Rows[0][1]);
    }
}
