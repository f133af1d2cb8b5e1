using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Runtime;

public sealed class ExponentialBackoffTests
{
    private static readonly ExponentialBackoff Backoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData(1, 0.5, 200)]
    [InlineData(2, 0.5, 400)]
    [InlineData(3, 0.5, 800)]
    [InlineData(10, 0.5, 102_400)]
    [InlineData(12, 0.5, 300_000)]
    [InlineData(1000, 0.5, 300_000)]
    [InlineData(1, 0.0, 160)]
    [InlineData(1, 1.0, 240)]
    [InlineData(1000, 1.0, 300_000)]
    public void Delay_doubles_per_failure_with_jitter_and_a_cap(int failures, double jitter, double expectedMs)
    {
        Assert.Equal(expectedMs, Backoff.DelayFor(failures, jitter).TotalMilliseconds, precision: 3);
    }
}
