using System.Text;
using NetOps.Analyzer.Mining;

namespace NetOps.Analyzer.Tests.Mining;

public class TcpDirectionStreamTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private static string Text(TcpDirectionStream stream) => Encoding.ASCII.GetString(stream.Data);

    [Fact]
    public void In_order_segments_are_joined()
    {
        var stream = new TcpDirectionStream(1024);
        Assert.True(stream.Add(1000, Bytes("hello ")));
        Assert.True(stream.Add(1006, Bytes("world")));
        Assert.Equal("hello world", Text(stream));
        stream.Release();
    }

    [Fact]
    public void Retransmits_and_overlaps_add_only_new_bytes()
    {
        var stream = new TcpDirectionStream(1024);
        stream.Add(1000, Bytes("abcdef"));
        Assert.False(stream.Add(1000, Bytes("abcdef")));
        Assert.True(stream.Add(1003, Bytes("defghi")));
        Assert.Equal("abcdefghi", Text(stream));
        Assert.Equal(9, stream.RetransmittedBytes);
    }

    [Fact]
    public void Reordered_segments_wait_for_the_gap()
    {
        var stream = new TcpDirectionStream(1024);
        stream.Add(1000, Bytes("one "));
        Assert.False(stream.Add(1008, Bytes("three")));
        Assert.False(stream.Add(1013, Bytes("!")));
        Assert.True(stream.Add(1004, Bytes("two ")));
        Assert.Equal("one two three!", Text(stream));
        Assert.Equal(0, stream.Gaps);
    }

    [Fact]
    public void Sequence_numbers_wrap()
    {
        var stream = new TcpDirectionStream(1024);
        stream.Add(uint.MaxValue - 2, Bytes("abc"));
        stream.Add(0, Bytes("def"));
        Assert.Equal("abcdef", Text(stream));
    }

    [Fact]
    public void A_hole_that_does_not_fill_is_jumped_and_marked_by_a_line_end()
    {
        var stream = new TcpDirectionStream(1024);
        stream.Add(0, Bytes("{\"a\":"));
        uint sequence = 100; // bytes 5..99 were lost
        for (var i = 0; i <= TcpDirectionStream.MaxWaiting; i++, sequence += 2)
            stream.Add(sequence, Bytes("x\n"));
        Assert.Equal(1, stream.Gaps);
        Assert.Equal("{\"a\":\n" + string.Concat(Enumerable.Repeat("x\n", TcpDirectionStream.MaxWaiting + 1)), Text(stream));
    }

    [Fact]
    public void Only_the_first_capacity_bytes_are_kept()
    {
        var stream = new TcpDirectionStream(4096);
        uint sequence = 7;
        for (var i = 0; i < 10; i++, sequence += 1000)
            stream.Add(sequence, new byte[1000]);
        Assert.Equal(4096, stream.Data.Length);
        Assert.True(stream.IsFull);
        Assert.False(stream.Add(sequence, new byte[10]));
        stream.Release();
        Assert.Equal(0, stream.Data.Length);
    }
}
