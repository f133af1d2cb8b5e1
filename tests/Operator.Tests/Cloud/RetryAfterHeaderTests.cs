using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(30, 30)]
    [InlineData(-30, 0)]
    public void Retry_after_as_a_date_is_the_wait_until_then_and_never_negative(int secondsFromNow, int expectedSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(_now.AddSeconds(secondsFromNow));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfterHeader.Read(response, new FakeTimeProvider(_now)));
    }

    [Fact]
    public void No_retry_after_means_no_requested_wait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(RetryAfterHeader.Read(response, new FakeTimeProvider(_now)));
    }
}
