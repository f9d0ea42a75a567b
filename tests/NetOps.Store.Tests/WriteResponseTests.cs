using System.Net;
using NetOps.Store.Writing;

namespace NetOps.Store.Tests;

public sealed class WriteResponseTests
{
    [Fact]
    public void NoContentIsStored() =>
        Assert.Equal(WriteOutcome.Stored, WriteResponse.Classify(HttpStatusCode.NoContent, null, null, "1.6.7", 10).Outcome);

    [Fact]
    public void APartialWriteCountsDroppedAndUnparsableLines()
    {
        var r = WriteResponse.Classify(HttpStatusCode.BadRequest,
            "{\"error\":\"partial write: unable to parse 'bad line': invalid field format\\nunable to parse 'x': invalid field format dropped=2\"}", null, null, 10);
        Assert.Equal(WriteOutcome.PartiallyStored, r.Outcome);
        Assert.Equal(4, r.DroppedLines);
        Assert.StartsWith("partial write", r.Message);
    }

    [Fact]
    public void AFieldTypeConflictCountsItsDroppedPoints()
    {
        var r = WriteResponse.Classify(HttpStatusCode.BadRequest,
            "{\"error\":\"partial write: field type conflict: input field \\\"v\\\" on measurement \\\"m\\\" is type float, already exists as type integer dropped=1\"}", null, null, 3);
        Assert.Equal((WriteOutcome.PartiallyStored, 1), (r.Outcome, r.DroppedLines));
    }

    [Fact]
    public void AnyOther400RefusesTheWholeBatch()
    {
        var r = WriteResponse.Classify(HttpStatusCode.BadRequest, "{\"error\":\"unable to parse 'm v=1e500 1': invalid float\"}", null, null, 7);
        Assert.Equal((WriteOutcome.Rejected, 7), (r.Outcome, r.DroppedLines));
    }

    [Fact]
    public void TooLargeSplits() =>
        Assert.Equal(WriteOutcome.TooLarge, WriteResponse.Classify(HttpStatusCode.RequestEntityTooLarge, "{\"error\":\"Request Entity Too Large\"}", null, null, 5).Outcome);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void TransientOrFixableAnswersAreRetried(HttpStatusCode status)
    {
        var r = WriteResponse.Classify(status, "{\"error\":\"x\"}", TimeSpan.FromSeconds(3), null, 5);
        Assert.Equal(WriteOutcome.Retry, r.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(3), r.RetryAfter);
        Assert.Equal(0, r.DroppedLines);
    }

    [Fact]
    public void NetworkErrorsAreRetried() =>
        Assert.Equal(WriteOutcome.Retry, WriteResponse.FromNetworkError(new HttpRequestException("Connection refused")).Outcome);
}
